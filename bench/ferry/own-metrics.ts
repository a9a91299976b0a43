/**
 * Ferry's own count of its Kubernetes API requests (`ferry_kube_requests_total` on the
 * controller's /metrics, by HTTP method; watches are not in it). The harness reads it
 * around a phase, outside the apiserver window, as a cross-check of the apiserver's
 * figures: dry-run applies are PATCHes there, but a POST is always a real create.
 */
import { request } from 'node:http';

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(res.statusCode === 200 ? Buffer.concat(chunks).toString() : ''));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** Requests by method so far, or undefined when the controller serves no such metric. */
export async function ferryOwnRequests(
  listen: string | undefined,
): Promise<Record<string, number> | undefined> {
  if (!listen) return undefined;
  const text = await get(`http://${listen}/metrics`).catch(() => '');
  const counts: Record<string, number> = {};
  let found = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith('ferry_kube_requests_total{')) continue;
    found = true;
    const method = /method="([^"]+)"/.exec(line)?.[1] ?? '?';
    counts[method] = (counts[method] ?? 0) + Number(line.slice(line.lastIndexOf('}') + 1).trim());
  }
  return found ? counts : undefined;
}

export function diffOwn(
  before: Record<string, number> | undefined,
  after: Record<string, number> | undefined,
): Record<string, number> | undefined {
  if (!before || !after) return undefined;
  const out: Record<string, number> = {};
  for (const [method, n] of Object.entries(after)) {
    const d = n - (before[method] ?? 0);
    if (d > 0) out[method] = d;
  }
  return out;
}
