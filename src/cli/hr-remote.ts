/**
 * `ferry hr suspend|resume|reconcile|history` against a Ferry server (`--server URL
 * --token T`): the API's Flux endpoints (docs/api.md) instead of the Kubernetes API.
 * Resume and reconcile follow the request until the HelmRelease has handled it.
 */
import type { HelmRelease } from '../api/flux/index.js';
import { progressReporter } from '../util/progress.js';
import type { ApiClient } from './remote/client.js';
import { conditionsSummary, historyTable } from './flux-view.js';

const hrPath = (namespace: string, name: string, suffix = ''): string =>
  `/api/v1/kinds/helmreleases/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}${suffix}`;

async function loadHr(api: ApiClient, namespace: string, name: string): Promise<HelmRelease> {
  return (await api.get<{ object: HelmRelease }>(hrPath(namespace, name))).object;
}

export async function remoteHrSuspend(api: ApiClient, namespace: string, name: string): Promise<void> {
  await api.post(hrPath(namespace, name, '/suspend'));
  process.stdout.write(`✔ HelmRelease ${namespace}/${name} suspended\n`);
}

/** Resume or reconcile, then wait until status.lastHandledReconcileAt shows the request handled. */
export async function remoteHrRequest(
  api: ApiClient,
  target: { namespace: string; name: string },
  request: { action: 'resume' | 'reconcile'; timeoutMs: number },
): Promise<void> {
  const { namespace, name } = target;
  const { requestedAt } = await api.post<{ requestedAt?: string }>(
    hrPath(namespace, name, `/${request.action}`),
  );
  // Without the request's token there is nothing to wait for: comparing with undefined
  // would return at once (before the controller acted) or never.
  if (!requestedAt)
    throw new Error(
      `the server accepted the ${request.action} of HelmRelease ${namespace}/${name} but did not say which request to wait for (an older Ferry server?); follow it with: ferry hr history ${name} -n ${namespace}`,
    );
  const progress = progressReporter();
  const deadline = Date.now() + request.timeoutMs;
  for (;;) {
    const hr = await loadHr(api, namespace, name);
    progress.step(`HelmRelease ${namespace}/${name}: ${readyText(hr)}`);
    if (hr.status?.lastHandledReconcileAt === requestedAt) {
      progress.done();
      return reportHandled(hr, request.action);
    }
    if (Date.now() > deadline)
      throw new Error(
        `HelmRelease ${namespace}/${name} did not handle the ${request.action} request in time`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

function readyText(hr: HelmRelease): string {
  const ready = hr.status?.conditions?.find((c) => c.type === 'Ready');
  return ready ? `${ready.reason}: ${ready.message}` : 'waiting';
}

function reportHandled(hr: HelmRelease, action: 'resume' | 'reconcile'): void {
  const verb = action === 'resume' ? 'resumed' : 'reconciled';
  const at = hr.status?.history?.[0]?.chartVersion ?? '?';
  process.stdout.write(`✔ HelmRelease ${hr.metadata.namespace}/${hr.metadata.name} ${verb} at ${at}\n`);
  const ready = hr.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') process.exitCode = 1;
}

export async function remoteHrHistory(api: ApiClient, namespace: string, name: string): Promise<void> {
  const hr = await loadHr(api, namespace, name);
  process.stdout.write(historyTable(hr));
  process.stdout.write(conditionsSummary(hr));
}
