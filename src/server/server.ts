/**
 * Ferry's HTTP server, run by `ferry controller`: health, git webhooks, and (as they
 * land) the API, metrics and the dashboard. Routes are small handlers in their own files.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../util/log.js';
import { handleWebhook, type WebhookRouteDeps } from './webhook-route.js';

export interface ServerOptions extends WebhookRouteDeps {
  /** host:port; port 0 picks a free one. */
  listen: string;
  log: Logger;
  /** Largest request body accepted (webhook payloads), bytes. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLargeError(`request body over ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const [host = '127.0.0.1', port = '0'] = options.listen.split(':');
  const server = createServer((req, res) => {
    route(options, req, res).catch((err: unknown) => {
      if (err instanceof BodyTooLargeError) return json(res, 413, { error: err.message });
      options.log.error('request failed', { path: req.url, error: (err as Error).message });
      json(res, 500, { error: 'internal error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(Number(port), host, resolve));
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(options: ServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (req.method === 'GET' && path === '/healthz') return json(res, 200, { status: 'ok' });
  if (path === '/api/webhook') {
    if (req.method !== 'POST') return json(res, 405, { error: 'use POST' });
    const body = await readBody(req, options.maxBodyBytes ?? 10 * 1024 * 1024);
    const answer = await handleWebhook(options, req.headers, body);
    if (answer.status === 200) options.log.info('webhook', { refreshed: (answer.body.refreshed as string[]).join(',') || '(none)' });
    else options.log.warn('webhook refused', { status: answer.status, reason: String(answer.body.error) });
    return json(res, answer.status, answer.body);
  }
  json(res, 404, { error: `no route for ${req.method} ${path}` });
}
