/**
 * `ferry app …` against a Ferry server (`--server URL --token T`): the same HTTP API the
 * dashboard uses (docs/api.md) instead of the Kubernetes API. Output matches the kube
 * variant; the server checks the token's role for each action.
 */
import type { Application } from '../api/argo/index.js';
import type { AppSummary } from '../server/api/summary.js';
import type { ResourceDiff } from '../server/api/diff.js';
import { formatLogs, type LogQuery, type PodLog } from '../server/api/logs.js';
import { appPath, type ApiClient } from './remote/client.js';
import { appSummary, historyTable } from './app-view.js';
import { followOperation, waitSyncedHealthy, waitTerminated, type LoadApp } from './app-follow.js';
import { printObjects, table, type OutputFormat } from './table.js';

export const remoteLoader =
  (api: ApiClient, name: string): LoadApp =>
  async () =>
    (await api.get<{ application: Application }>(appPath(name))).application;

const summaryHeaders = [
  'NAME',
  'CLUSTER',
  'NAMESPACE',
  'PROJECT',
  'STATUS',
  'HEALTH',
  'SYNCPOLICY',
  'CONDITIONS',
  'REPO',
  'PATH',
  'TARGET',
];

function summaryRow(s: AppSummary): string[] {
  return [
    s.name,
    s.cluster,
    s.destNamespace,
    s.project,
    s.sync,
    s.health,
    s.automated ? 'Auto' : 'Manual',
    s.conditions.map((c) => c.type).join(',') || '<none>',
    s.repo,
    s.path,
    s.targetRevision,
  ];
}

export async function remoteList(api: ApiClient, output: OutputFormat): Promise<void> {
  const { items } = await api.get<{ items: AppSummary[] }>('/api/v1/applications');
  if (printObjects(items, output, false)) return;
  if (output === 'name') process.stdout.write(items.map((a) => `${a.name}\n`).join(''));
  else process.stdout.write(table(summaryHeaders, items.map(summaryRow)));
}

export async function remoteGet(api: ApiClient, name: string, output: OutputFormat): Promise<void> {
  const app = await remoteLoader(api, name)();
  if (!printObjects([app], output, true)) process.stdout.write(appSummary(app));
}

export async function remoteHistory(api: ApiClient, name: string): Promise<void> {
  process.stdout.write(historyTable(await remoteLoader(api, name)()));
}

/** Prints the server's per-resource diffs as `ferry app diff` does; exit 1 when anything differs. */
export async function remoteDiff(api: ApiClient, name: string, hard: boolean): Promise<void> {
  const { resources } = await api.get<{ resources: ResourceDiff[] }>(
    appPath(name, `/diff${hard ? '?hard=true' : ''}`),
  );
  process.stdout.write(resources.map((r) => `===== ${r.resource} ======\n${r.diff}`).join('\n'));
  if (resources.length) process.exitCode = 1;
}

/** POSTs an operation request (sync, rollback), then follows it unless `timeoutMs` is undefined. */
export async function remoteOperation(
  api: ApiClient,
  name: string,
  request: { action: 'sync' | 'rollback'; body: Record<string, unknown> },
  timeoutMs: number | undefined,
): Promise<void> {
  const requested = new Date();
  await api.post(appPath(name, `/${request.action}`), request.body);
  if (timeoutMs === undefined) {
    process.stdout.write(`operation requested on ${name}\n`);
    return;
  }
  await followOperation(name, remoteLoader(api, name), requested, timeoutMs);
}

export async function remoteRefresh(api: ApiClient, name: string, hard: boolean): Promise<void> {
  await api.post(appPath(name, '/refresh'), { hard });
  process.stdout.write(`refresh of ${name} requested\n`);
}

export async function remoteDelete(api: ApiClient, name: string, cascade: boolean): Promise<void> {
  await api.delete(appPath(name, cascade ? '' : '?cascade=false'));
  process.stdout.write(`application ${name} deleted${cascade ? ' (with its resources)' : ''}\n`);
}

export function remoteWait(
  api: ApiClient,
  name: string,
  timeout: { ms: number; text: string },
): Promise<void> {
  return waitSyncedHealthy(name, remoteLoader(api, name), timeout);
}

export async function remoteTerminate(api: ApiClient, name: string, timeoutMs: number): Promise<void> {
  await api.delete(appPath(name, '/operation'));
  await waitTerminated(name, remoteLoader(api, name), timeoutMs);
}

/** `GET …/logs` with the same query the kube variant uses; the server checks the pod is the app's. */
export async function remoteLogs(api: ApiClient, name: string, query: LogQuery): Promise<void> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.size ? `?${params.toString()}` : '';
  const { items } = await api.get<{ items: PodLog[] }>(appPath(name, `/logs${qs}`));
  process.stdout.write(formatLogs(items));
}
