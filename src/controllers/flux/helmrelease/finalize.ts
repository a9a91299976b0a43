/**
 * Deleting a HelmRelease: unless it is suspended, its release is uninstalled with the real
 * helm (uninstall.keepHistory, timeout, hooks, deletion propagation as the spec says) and
 * the HelmChart it made is deleted; then Flux's finalizer `finalizers.fluxcd.io` goes.
 */
import type { HelmRelease } from '../../../api/flux/index.js';
import { HELM_API_VERSION, releaseName, releaseNamespace } from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import type { FluxEvents } from '../events.js';
import { deleteChartTemplate } from './chart-template.js';
import type { Destinations } from './destination.js';
import { helmUninstall, type HelmTarget } from './helm-cli.js';
import { actionTimeout } from './request.js';
import { latest } from './snapshots.js';

export const HELMRELEASE_FINALIZER = 'finalizers.fluxcd.io';

/** Uninstalls a release; a release that is already gone is not an error. */
export async function uninstallRelease(target: HelmTarget, hr: HelmRelease): Promise<boolean> {
  const spec = hr.spec.uninstall ?? {};
  try {
    await helmUninstall(target, {
      timeout: actionTimeout(hr, 'uninstall'),
      keepHistory: spec.keepHistory ?? false,
      noHooks: spec.disableHooks ?? false,
      wait: !spec.disableWait,
      cascade: spec.deletionPropagation ?? 'background',
    });
    return true;
  } catch (err) {
    if (/not found/i.test((err as Error).message)) return false;
    throw err;
  }
}

export async function ensureFinalizer(home: Cluster, hr: HelmRelease): Promise<HelmRelease> {
  const finalizers = hr.metadata.finalizers ?? [];
  if (finalizers.includes(HELMRELEASE_FINALIZER)) return hr;
  const ref = {
    apiVersion: HELM_API_VERSION,
    kind: 'HelmRelease',
    namespace: hr.metadata.namespace,
    name: hr.metadata.name ?? '',
  };
  return (await home.mergePatch(ref, {
    metadata: { finalizers: [...finalizers, HELMRELEASE_FINALIZER] },
  })) as HelmRelease;
}

export async function finalizeHelmRelease(
  deps: { home: Cluster; destinations: Destinations },
  hr: HelmRelease,
  events: FluxEvents,
): Promise<void> {
  const finalizers = hr.metadata.finalizers ?? [];
  if (!finalizers.includes(HELMRELEASE_FINALIZER)) return;
  if (!hr.spec.suspend) {
    const cur = latest(hr.status?.history);
    if (hr.status?.storageNamespace && cur) {
      const destination = await deps.destinations.forHelmRelease(hr);
      const target = { kubeconfig: destination.kubeconfig, namespace: cur.namespace, release: cur.name };
      if (await uninstallRelease(target, hr)) {
        events.normal(
          'UninstallSucceeded',
          `Helm uninstall for release ${cur.namespace}/${cur.name} succeeded`,
        );
      }
    }
    await deleteChartTemplate(deps.home, hr);
  }
  const ref = {
    apiVersion: HELM_API_VERSION,
    kind: 'HelmRelease',
    namespace: hr.metadata.namespace,
    name: hr.metadata.name ?? '',
  };
  const rest = finalizers.filter((f) => f !== HELMRELEASE_FINALIZER);
  await deps.home.mergePatch(ref, { metadata: { finalizers: rest.length ? rest : null } });
}

/** The release a HelmRelease wants now: name and namespace (helm stores it there too). */
export function releaseTarget(hr: HelmRelease, kubeconfig: string): HelmTarget {
  return { kubeconfig, namespace: releaseNamespace(hr), release: releaseName(hr) };
}
