/** The API's route table: method, path pattern, whether it acts (admin only), handler. */
import type { ApiContext } from './context.js';
import { appDiffRoute, appEvents, appHistory, appTree, getApp, listApps } from './app-read.js';
import { deleteApp, refreshApp, rollbackApp, syncApp } from './app-actions.js';
import { listKind } from './kinds.js';

export type Handler = (ctx: ApiContext, param: string) => Promise<unknown>;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  /** Changes something: admin role required, audited. */
  acts: boolean;
  handler: Handler;
}

const app = (suffix = ''): RegExp => new RegExp(`^/api/v1/applications/([^/]+)${suffix}$`);

export const routes: Route[] = [
  { method: 'GET', pattern: /^\/api\/v1\/applications$/, acts: false, handler: (ctx) => listApps(ctx) },
  { method: 'GET', pattern: app(), acts: false, handler: getApp },
  { method: 'GET', pattern: app('/tree'), acts: false, handler: appTree },
  { method: 'GET', pattern: app('/diff'), acts: false, handler: appDiffRoute },
  { method: 'GET', pattern: app('/history'), acts: false, handler: appHistory },
  { method: 'GET', pattern: app('/events'), acts: false, handler: appEvents },
  { method: 'POST', pattern: app('/sync'), acts: true, handler: syncApp },
  { method: 'POST', pattern: app('/refresh'), acts: true, handler: refreshApp },
  { method: 'POST', pattern: app('/rollback'), acts: true, handler: rollbackApp },
  { method: 'DELETE', pattern: app(), acts: true, handler: deleteApp },
  { method: 'GET', pattern: /^\/api\/v1\/kinds\/([^/]+)$/, acts: false, handler: listKind },
  {
    method: 'GET',
    pattern: /^\/api\/v1\/whoami$/,
    acts: false,
    handler: (ctx) =>
      Promise.resolve({ name: ctx.principal.name, id: ctx.principal.id, role: ctx.principal.role }),
  },
];

/** The route for a method and path: found, wrong method (the allowed ones), or none. */
export function findRoute(
  method: string,
  path: string,
): { route: Route; param: string } | { allowed: string[] } | undefined {
  const candidates = routes
    .map((r) => ({ route: r, m: r.pattern.exec(path) }))
    .filter((c): c is { route: Route; m: RegExpExecArray } => c.m !== null);
  if (!candidates.length) return undefined;
  const hit = candidates.find((c) => c.route.method === method);
  if (!hit) return { allowed: candidates.map((c) => c.route.method) };
  return { route: hit.route, param: hit.m[1] ?? '' };
}
