/**
 * Everything the HTTP server serves besides health and webhooks: the JSON API under
 * /api/v1 (bearer tokens; see docs/api.md), its OpenAPI document, the live event stream,
 * Prometheus /metrics and the dashboard's built assets at /. server.ts calls `handle`
 * for every request; it answers false when the path is not one of these.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../../kube/errors.js';
import { UnknownClusterError } from '../../controllers/clusters.js';
import { ClusterRegistry } from '../../controllers/clusters.js';
import type { MetricsSource } from '../metrics/collect.js';
import { serveMetrics } from '../metrics/route.js';
import { serveDashboard } from '../dashboard/static.js';
import { authenticate, authorize } from './auth.js';
import { appAccess } from './rbac/access.js';
import type { ApiContext, ApiDeps } from './context.js';
import { badRequest, HttpError, sendJson } from './http.js';
import { openApiDocument } from './openapi.js';
import { findRoute } from './routes.js';
import { AppStream } from './stream.js';
import { ensureInitialToken, TokenCache } from './tokens.js';

export interface ApiRouterOptions extends Omit<ApiDeps, 'clusters'> {
  /** Served at /metrics when set. */
  metrics?: MetricsSource;
  /** The dashboard's built assets; default web/dist of the project. */
  webDir?: string;
}

export interface ApiRouter {
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
  /** Creates the first admin token when there is none and logs it once. */
  init(): Promise<void>;
  close(): void;
}

const namePattern = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export function createApiRouter(options: ApiRouterOptions): ApiRouter {
  const deps: ApiDeps = { ...options, clusters: new ClusterRegistry(options.home, options.namespace) };
  const tokens = new TokenCache(options.home, options.namespace);
  const stream = new AppStream(options.home, options.namespace, options.log);
  return {
    init: async () => {
      const token = await ensureInitialToken(options.home, options.namespace);
      if (token)
        options.log.warn('created the first API admin token (shown once; keep it)', {
          token,
          secret: `${options.namespace}/ferry-api-tokens`,
        });
    },
    close: () => stream.close(),
    handle: async (req, res, path) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const method = req.method ?? 'GET';
      if (path === '/metrics' && options.metrics) return serveMetrics(options.metrics, method, res);
      if (!path.startsWith('/api/')) return serveDashboard(options.webDir, method, path, res);
      if (path === '/api/webhook') return false;
      try {
        await answerApi({ deps, tokens, stream }, req, res, url);
      } catch (err) {
        answerError(deps, res, err);
      }
      return true;
    },
  };
}

interface Services {
  deps: ApiDeps;
  tokens: TokenCache;
  stream: AppStream;
}

async function answerApi(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const { deps, tokens, stream } = services;
  const method = req.method ?? 'GET';
  if (url.pathname === '/api/openapi.json' && method === 'GET') return sendJson(res, 200, openApiDocument);
  if (url.pathname === '/api/v1/stream' && method === 'GET') {
    const principal = await authenticate(tokens, req, url, true);
    const access = await appAccess(deps.home, deps.namespace, principal);
    return stream.subscribe(res, (s) => access.can('get', s));
  }
  const found = findRoute(method, url.pathname);
  if (!found) throw new HttpError(404, `no API route for ${method} ${url.pathname} (see /api/openapi.json)`);
  if ('allowed' in found) {
    res.setHeader('Allow', found.allowed.join(', '));
    throw new HttpError(
      405,
      `${method} is not allowed on ${url.pathname} (use ${found.allowed.join(' or ')})`,
    );
  }
  const principal = await authenticate(tokens, req, url);
  const access = await appAccess(deps.home, deps.namespace, principal);
  const params = found.params.map(paramOf);
  const param = params[0] ?? '';
  await authorize(deps, { principal, access, what: `${method} ${url.pathname}` }, found.route, param);
  const ctx: ApiContext = { deps, principal, access, params, req, res, url };
  const body = await found.route.handler(ctx, param);
  sendJson(res, found.route.acts ? 202 : 200, body);
}

function paramOf(raw: string): string {
  if (!raw) return raw;
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw badRequest(`"${raw}" is not a valid name`);
  }
  if (!namePattern.test(name))
    throw badRequest(`"${name}" is not a valid name (lower-case letters, digits, "-" and ".")`);
  return name;
}

function answerError(deps: ApiDeps, res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message });
  if (err instanceof UnknownClusterError) return sendJson(res, 502, { error: err.message });
  if (
    err instanceof ApiError &&
    err.status >= 400 &&
    err.status < 500 &&
    err.status !== 401 &&
    err.status !== 403
  )
    return sendJson(res, err.status, { error: err.message });
  deps.log.error('API request failed', { error: (err as Error).message });
  sendJson(res, 500, { error: `internal error: ${(err as Error).message}` });
}
