/**
 * The API's route table: method, path pattern, whether it acts (audited, 202; never for
 * readonly tokens), what access it needs, handler.
 */
import type { ApiContext } from './context.js';
import type { AppAction } from './rbac/access.js';
import { appDiffRoute, appEvents, appHistory, appTree, getApp, listApps } from './app-read.js';
import { deleteApp, refreshApp, rollbackApp, syncApp, terminateOperation } from './app-actions.js';
import { listKind } from './kinds.js';
import { appLogs } from './logs.js';
import { fluxAction, getObject } from './flux.js';

export type Handler = (ctx: ApiContext, param: string) => Promise<unknown>;

/**
 * What a route needs: an Argo CD action on the Application named in the path (checked
 * against project-role policies); `list` (any token, the handler shows only what it may
 * get); `any` token; or `global` (not tied to a project: admin and readonly tokens only).
 */
export type RouteAccess = { app: AppAction } | 'list' | 'any' | 'global';

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  /** Changes something: audited; readonly tokens get 403. */
  acts: boolean;
  access: RouteAccess;
  handler: Handler;
}

const get: RouteAccess = { app: 'get' };
const sync: RouteAccess = { app: 'sync' };
const object = (suffix = ''): RegExp => new RegExp(`^/api/v1/kinds/([^/]+)/([^/]+)/([^/]+)${suffix}$`);
const app = (suffix = ''): RegExp => new RegExp(`^/api/v1/applications/([^/]+)${suffix}$`);

export const routes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/v1\/applications$/,
    acts: false,
    access: 'list',
    handler: (ctx) => listApps(ctx),
  },
  { method: 'GET', pattern: app(), acts: false, access: get, handler: getApp },
  { method: 'GET', pattern: app('/tree'), acts: false, access: get, handler: appTree },
  { method: 'GET', pattern: app('/diff'), acts: false, access: get, handler: appDiffRoute },
  { method: 'GET', pattern: app('/history'), acts: false, access: get, handler: appHistory },
  { method: 'GET', pattern: app('/events'), acts: false, access: get, handler: appEvents },
  // Argo CD 2.x asks `get` for logs (its separate `logs` action is opt-in there).
  { method: 'GET', pattern: app('/logs'), acts: false, access: get, handler: appLogs },
  { method: 'POST', pattern: app('/sync'), acts: true, access: sync, handler: syncApp },
  // Argo CD asks only `get` for a refresh, and `sync` for rollback and terminate-op.
  { method: 'POST', pattern: app('/refresh'), acts: true, access: get, handler: refreshApp },
  { method: 'POST', pattern: app('/rollback'), acts: true, access: sync, handler: rollbackApp },
  { method: 'DELETE', pattern: app('/operation'), acts: true, access: sync, handler: terminateOperation },
  { method: 'DELETE', pattern: app(), acts: true, access: { app: 'delete' }, handler: deleteApp },
  { method: 'GET', pattern: /^\/api\/v1\/kinds\/([^/]+)$/, acts: false, access: 'global', handler: listKind },
  { method: 'GET', pattern: object(), acts: false, access: 'global', handler: getObject },
  {
    method: 'POST',
    pattern: object('/suspend'),
    acts: true,
    access: 'global',
    handler: fluxAction('suspend'),
  },
  { method: 'POST', pattern: object('/resume'), acts: true, access: 'global', handler: fluxAction('resume') },
  {
    method: 'POST',
    pattern: object('/reconcile'),
    acts: true,
    access: 'global',
    handler: fluxAction('reconcile'),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v1\/whoami$/,
    acts: false,
    access: 'any',
    handler: (ctx) =>
      Promise.resolve({ name: ctx.principal.name, id: ctx.principal.id, role: ctx.principal.role }),
  },
];

/** The route for a method and path: found, wrong method (the allowed ones), or none. */
export function findRoute(
  method: string,
  path: string,
): { route: Route; params: string[] } | { allowed: string[] } | undefined {
  const candidates = routes
    .map((r) => ({ route: r, m: r.pattern.exec(path) }))
    .filter((c): c is { route: Route; m: RegExpExecArray } => c.m !== null);
  if (!candidates.length) return undefined;
  const hit = candidates.find((c) => c.route.method === method);
  if (!hit) return { allowed: candidates.map((c) => c.route.method) };
  return { route: hit.route, params: hit.m.slice(1).map((p) => p ?? '') };
}
