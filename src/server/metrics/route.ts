/** GET /metrics: the Prometheus text exposition. */
import type { ServerResponse } from 'node:http';
import type { MetricsSource } from './collect.js';

export async function serveMetrics(
  metrics: MetricsSource,
  method: string,
  res: ServerResponse,
): Promise<boolean> {
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET', 'Content-Type': 'application/json' }).end('{"error":"use GET"}\n');
    return true;
  }
  const text = await metrics.render();
  res
    .writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' })
    .end(method === 'HEAD' ? undefined : text);
  return true;
}
