/**
 * Deleting a Kustomization (Flux's finalizer `finalizers.fluxcd.io`): its inventory is
 * deleted when `deletionPolicy` says so — MirrorPrune (default) follows `spec.prune`,
 * Delete always, Orphan never — and never while it is suspended. Objects annotated
 * `kustomize.toolkit.fluxcd.io/prune: disabled` stay.
 */
import { KUSTOMIZE_API_VERSION, type Kustomization } from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import type { Destinations } from '../helmrelease/destination.js';
import type { FluxEvents } from '../events.js';
import { pruneEntries } from './prune.js';

export const KUSTOMIZATION_FINALIZER = 'finalizers.fluxcd.io';

const refOf = (
  ks: Kustomization,
): { apiVersion: string; kind: string; namespace?: string; name: string } => ({
  apiVersion: KUSTOMIZE_API_VERSION,
  kind: 'Kustomization',
  namespace: ks.metadata.namespace,
  name: ks.metadata.name ?? '',
});

export async function ensureFinalizer(home: Cluster, ks: Kustomization): Promise<Kustomization> {
  const finalizers = ks.metadata.finalizers ?? [];
  if (finalizers.includes(KUSTOMIZATION_FINALIZER)) return ks;
  return (await home.mergePatch(refOf(ks), {
    metadata: { finalizers: [...finalizers, KUSTOMIZATION_FINALIZER] },
  })) as Kustomization;
}

export function deletesInventory(ks: Kustomization): boolean {
  if (ks.spec.suspend) return false;
  const policy = ks.spec.deletionPolicy ?? 'MirrorPrune';
  if (policy === 'Orphan') return false;
  return policy === 'MirrorPrune' ? ks.spec.prune : true;
}

async function pruneOnDelete(
  deps: { destinations: Destinations },
  ks: Kustomization,
  events: FluxEvents,
): Promise<void> {
  const entries = ks.status?.inventory?.entries ?? [];
  if (deletesInventory(ks) && entries.length > 0) {
    const destination = await deps.destinations
      .forKubeConfig(ks.metadata.namespace ?? 'default', ks.spec.kubeConfig?.secretRef)
      .catch((err: unknown) => {
        // The target cluster is out of reach for good (its kubeconfig Secret is gone): say
        // so and let the Kustomization go rather than block its deletion forever.
        events.warning('PruneFailed', `objects left in place: ${(err as Error).message}`);
        return undefined;
      });
    const pruned = destination ? await pruneEntries(destination.cluster, ks, entries) : undefined;
    if (pruned?.deleted.length) events.normal('Progressing', pruned.deleted.join('\n'));
  }
}

export async function finalizeKustomization(
  deps: { home: Cluster; destinations: Destinations },
  ks: Kustomization,
  events: FluxEvents,
): Promise<void> {
  const finalizers = ks.metadata.finalizers ?? [];
  if (!finalizers.includes(KUSTOMIZATION_FINALIZER)) return;
  await pruneOnDelete(deps, ks, events);
  const rest = finalizers.filter((f) => f !== KUSTOMIZATION_FINALIZER);
  await deps.home.mergePatch(refOf(ks), { metadata: { finalizers: rest.length ? rest : null } });
}
