/**
 * What the API and the dashboard show of an Application in lists and live updates: a
 * small summary, and the list filters (cluster, namespace, project, health, sync, label).
 * Pure functions over plain objects.
 */
import type { Application } from '../../api/argo/index.js';
import { badRequest } from './http.js';

export interface AppSummary {
  name: string;
  namespace: string;
  project: string;
  cluster: string;
  destNamespace: string;
  repo: string;
  path: string;
  targetRevision: string;
  revision: string;
  sync: string;
  health: string;
  healthMessage?: string;
  operation?: string;
  /** An operation is requested or running (it can be terminated). */
  operationInProgress: boolean;
  lastSyncedAt?: string;
  automated: boolean;
  labels: Record<string, string>;
  conditions: Array<{ type: string; message: string }>;
}

type SourceFacts = Pick<AppSummary, 'repo' | 'path' | 'targetRevision'>;
type StatusFacts = Pick<
  AppSummary,
  'revision' | 'sync' | 'health' | 'healthMessage' | 'operation' | 'lastSyncedAt' | 'conditions'
>;

function sourceFacts(app: Application): SourceFacts {
  const source = app.spec.source ?? app.spec.sources?.[0];
  return {
    repo: source?.repoURL ?? '',
    path: source?.path ?? source?.chart ?? '',
    targetRevision: source?.targetRevision ?? 'HEAD',
  };
}

/** Fields shown only when there is something to show. */
function optionalFacts(status: Application['status']): Partial<StatusFacts> {
  const op = status?.operationState;
  const optional = {
    healthMessage: status?.health?.message,
    operation: op?.phase,
    lastSyncedAt: op?.finishedAt,
  };
  return Object.fromEntries(Object.entries(optional).filter(([, v]) => v));
}

function statusFacts(status: Application['status']): StatusFacts {
  return {
    revision: status?.sync?.revision ?? '',
    sync: status?.sync?.status ?? 'Unknown',
    health: status?.health?.status ?? 'Unknown',
    ...optionalFacts(status),
    conditions: (status?.conditions ?? []).map((c) => ({ type: c.type, message: c.message ?? '' })),
  };
}

export function summarize(app: Application): AppSummary {
  const { metadata, spec } = app;
  const auto = spec.syncPolicy?.automated;
  return {
    name: metadata.name ?? '',
    namespace: metadata.namespace ?? '',
    project: spec.project || 'default',
    cluster: spec.destination.name ?? spec.destination.server ?? '',
    destNamespace: spec.destination.namespace ?? '',
    ...sourceFacts(app),
    ...statusFacts(app.status),
    operationInProgress: app.operation !== undefined,
    automated: Boolean(auto && auto.enabled !== false),
    labels: metadata.labels ?? {},
  };
}

export interface AppFilter {
  cluster?: string;
  namespace?: string;
  project?: string;
  health?: string;
  sync?: string;
  /** `key=value` or `key` (present), comma-separated: all must hold. */
  label?: string;
  /** Substring of name, repo or path. */
  search?: string;
}

const filterKeys = ['cluster', 'namespace', 'project', 'health', 'sync', 'label', 'search'] as const;

/** The filter a query string asks for; unknown parameters are a 400, so typos do not pass silently. */
export function filterFromQuery(query: URLSearchParams, allowed: readonly string[] = []): AppFilter {
  const filter: AppFilter = {};
  for (const [key, value] of query) {
    if ((filterKeys as readonly string[]).includes(key)) filter[key as keyof AppFilter] = value;
    else if (!allowed.includes(key))
      throw badRequest(`unknown query parameter "${key}" (filters: ${filterKeys.join(', ')})`);
  }
  return filter;
}

function labelsMatch(labels: Record<string, string>, selector: string): boolean {
  return selector
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .every((term) => {
      const at = term.indexOf('=');
      return at < 0 ? term in labels : labels[term.slice(0, at)] === term.slice(at + 1);
    });
}

/** Every condition of the filter holds; cluster matches the destination's server or name. */
export function matches(s: AppSummary, f: AppFilter): boolean {
  const checks: Array<[string | undefined, (v: string) => boolean]> = [
    [f.cluster, (v) => s.cluster === v],
    [f.namespace, (v) => s.destNamespace === v],
    [f.project, (v) => s.project === v],
    [f.health, (v) => s.health === v],
    [f.sync, (v) => s.sync === v],
    [f.label, (v) => labelsMatch(s.labels, v)],
    [f.search, (v) => [s.name, s.repo, s.path].some((x) => x.toLowerCase().includes(v.toLowerCase()))],
  ];
  return checks.every(([value, ok]) => value === undefined || value === '' || ok(value));
}

/** Counts by health and by sync status, for the dashboard's header. */
export function countByStatus(apps: AppSummary[]): {
  health: Record<string, number>;
  sync: Record<string, number>;
} {
  const health: Record<string, number> = {};
  const sync: Record<string, number> = {};
  for (const a of apps) {
    health[a.health] = (health[a.health] ?? 0) + 1;
    sync[a.sync] = (sync[a.sync] ?? 0) + 1;
  }
  return { health, sync };
}
