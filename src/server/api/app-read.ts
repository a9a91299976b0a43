/** Read-only Application endpoints: list (with filters), get, tree, diff, history, events. */
import type { Application } from '../../api/argo/index.js';
import { ARGO_API_VERSION } from '../../api/argo/index.js';
import { boolFromQuery } from './query.js';
import { loadApp, type ApiContext } from './context.js';
import { appDiff } from './diff.js';
import { countByStatus, filterFromQuery, matches, summarize } from './summary.js';
import { resourceTree } from './tree.js';

export async function listApps(ctx: ApiContext): Promise<unknown> {
  const filter = filterFromQuery(ctx.url.searchParams);
  const apps = (await ctx.deps.home.list(ARGO_API_VERSION, 'Application', {
    namespace: ctx.deps.namespace,
  })) as Application[];
  const all = apps.map(summarize).filter((s) => ctx.access.can('get', s));
  const items = all.filter((s) => matches(s, filter)).sort((a, b) => a.name.localeCompare(b.name));
  return { items, total: all.length, counts: countByStatus(all) };
}

export async function getApp(ctx: ApiContext, name: string): Promise<unknown> {
  const app = await loadApp(ctx.deps, name);
  const { managedFields: _mf, ...metadata } = app.metadata;
  return { summary: summarize(app), application: { ...app, metadata } };
}

export async function appTree(ctx: ApiContext, name: string): Promise<unknown> {
  const app = await loadApp(ctx.deps, name);
  const cluster = await ctx.deps.clusters.resolve(app.spec.destination);
  return { nodes: await resourceTree(app, cluster) };
}

export async function appDiffRoute(ctx: ApiContext, name: string): Promise<unknown> {
  const hard = boolFromQuery(ctx.url.searchParams, 'hard');
  const app = await loadApp(ctx.deps, name);
  return appDiff(ctx.deps.home, ctx.deps.namespace, app, hard);
}

export async function appHistory(ctx: ApiContext, name: string): Promise<unknown> {
  const app = await loadApp(ctx.deps, name);
  return {
    history: [...(app.status?.history ?? [])].reverse(),
    operationState: app.status?.operationState ?? null,
    automated: summarize(app).automated,
  };
}

interface EventView {
  type: string;
  reason: string;
  message: string;
  count: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
}

export async function appEvents(ctx: ApiContext, name: string): Promise<unknown> {
  await loadApp(ctx.deps, name);
  const events = await ctx.deps.home.list('v1', 'Event', { namespace: ctx.deps.namespace });
  const items: EventView[] = events
    .filter((e) => {
      const io = e.involvedObject as { kind?: string; name?: string } | undefined;
      return io?.kind === 'Application' && io.name === name;
    })
    .map((e) => {
      const v = e as unknown as EventView & { eventTime?: string };
      return {
        type: v.type,
        reason: v.reason,
        message: v.message,
        count: v.count ?? 1,
        firstTimestamp: v.firstTimestamp ?? v.eventTime,
        lastTimestamp: v.lastTimestamp ?? v.eventTime,
      };
    })
    .sort((a, b) => (b.lastTimestamp ?? '').localeCompare(a.lastTimestamp ?? ''));
  return { items };
}
