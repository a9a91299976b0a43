/**
 * Ferry's HTTP server, run by `ferry controller`: health, git webhooks, the API,
 * metrics and the dashboard. Routes are small handlers in their own files.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../util/log.js';
import { handleWebhook, type WebhookRouteDeps } from './webhook-route.js';
import { routeSealedSecrets, type SealedSecretsService } from './sealed-secrets-route.js';
import { createApiRouter, type ApiRouter } from './api/router.js';
import type { MetricsSource } from './metrics/collect.js';

export interface ServerOptions extends WebhookRouteDeps {
  /** host:port; port 0 picks a free one. */
  listen: string;
  log: Logger;
  /** Largest request body accepted (webhook payloads), bytes. */
  maxBodyBytes?: number;
  /** Serves the sealed-secrets controller's /v1/cert.pem, /v1/verify and /v1/rotate when set. */
  sealedSecrets?: SealedSecretsService;
  /** Served at /metrics when set (see src/server/metrics). */
  metrics?: MetricsSource;
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
  const api = createApiRouter(options);
  await api.init();
  const server = createServer((req, res) => {
    route(options, api, req, res).catch((err: unknown) => {
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
        api.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(
  options: ServerOptions,
  api: ApiRouter,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (req.method === 'GET' && path === '/healthz') return json(res, 200, { status: 'ok' });
  if (path === '/api/webhook') {
    if (req.method !== 'POST') return json(res, 405, { error: 'use POST' });
    const body = await readBody(req, options.maxBodyBytes ?? 10 * 1024 * 1024);
    const answer = await handleWebhook(options, req.headers, body);
    if (answer.status === 200)
      options.log.info('webhook', { refreshed: (answer.body.refreshed as string[]).join(',') || '(none)' });
    else options.log.warn('webhook refused', { status: answer.status, reason: String(answer.body.error) });
    return json(res, answer.status, answer.body);
  }
  if (path.startsWith('/v1/') && (await sealedSecretsRoute(options, req, res, path))) return;
  if (await api.handle(req, res, path)) return; // API, /metrics, dashboard (src/server/api/router.ts)
  json(res, 404, { error: `no route for ${req.method} ${path}` });
}

/** The sealed-secrets controller's API; false when it is off or the path is not one of its. */
async function sealedSecretsRoute(
  options: ServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  if (!options.sealedSecrets) return false;
  const method = req.method ?? 'GET';
  const body =
    method === 'POST' ? await readBody(req, options.maxBodyBytes ?? 10 * 1024 * 1024) : Buffer.alloc(0);
  const answer = routeSealedSecrets({ sealedSecrets: options.sealedSecrets }, method, path, body);
  if (!answer) return false;
  res.writeHead(answer.status, { 'Content-Type': answer.contentType }).end(answer.body);
  return true;
}
