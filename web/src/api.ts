/**
 * The dashboard's API client. The token is entered once and kept in sessionStorage (gone
 * when the tab closes); every call sends it as a bearer token. The event stream gets it
 * as the `token` query parameter, since EventSource cannot set headers.
 */
const tokenKey = 'ferry.token';

export const getToken = (): string | null => sessionStorage.getItem(tokenKey);
export const setToken = (token: string): void => sessionStorage.setItem(tokenKey, token);
export const clearToken = (): void => sessionStorage.removeItem(tokenKey);

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Set by the app: called when the server says the token is not (or no longer) valid. */
export const auth = { onUnauthorized: (): void => undefined };

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${getToken() ?? ''}` };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (res.status === 401) auth.onUnauthorized();
  if (!res.ok) throw new ApiFailure(res.status, body.error ?? `HTTP ${res.status}`);
  return body;
}

export function streamUrl(): string {
  return `/api/v1/stream?token=${encodeURIComponent(getToken() ?? '')}`;
}

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
  operationInProgress: boolean;
  lastSyncedAt?: string;
  automated: boolean;
  labels: Record<string, string>;
  conditions: Array<{ type: string; message: string }>;
}

export interface TreeNode {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  sync?: string;
  health?: { status: string; message?: string };
  children: TreeNode[];
}

export interface PodLog {
  namespace: string;
  pod: string;
  container: string;
  lines: string[];
}

export interface HistoryEntry {
  id: number;
  revision?: string;
  deployedAt: string;
  initiatedBy?: { username?: string; automated?: boolean };
}

export interface EventItem {
  type: string;
  reason: string;
  message: string;
  count: number;
  lastTimestamp?: string;
}

export interface FluxSummary {
  kind: string;
  namespace?: string;
  name: string;
  ready: string;
  reason?: string;
  message?: string;
  suspended: boolean;
}

export interface HelmSnapshot {
  version: number;
  status: string;
  chartName: string;
  chartVersion: string;
  appVersion?: string;
  digest: string;
  configDigest: string;
  lastDeployed: string;
}

export interface FluxDetail {
  summary: FluxSummary;
  conditions: Array<{ type: string; status: string; reason?: string; message?: string }>;
  helm?: {
    history: HelmSnapshot[];
    failures: number;
    installFailures: number;
    upgradeFailures: number;
  };
}
