/**
 * Garbage collection from the inventory, as Flux does it: only objects of the previous
 * inventory that the new build no longer has, only while they still carry this
 * Kustomization's labels (another one may have taken them over), never those annotated
 * `kustomize.toolkit.fluxcd.io/prune: disabled`. Workloads go before their Namespace and
 * CRDs. The caller runs this only after a build and apply that succeeded.
 */
import {
  KUSTOMIZE_NAME_LABEL,
  KUSTOMIZE_NAMESPACE_LABEL,
  PRUNE_ANNOTATION,
  type InventoryEntry,
  type Kustomization,
} from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import { isNotFound } from '../../../kube/errors.js';
import type { KubeObject } from '../../../kube/object.js';
import { KsReason, KustomizationStepError } from './errors.js';
import { displayName, refOfEntry } from './inventory.js';
import { pruneOrder } from './order.js';

export interface PruneResult {
  /** `Kind/ns/name deleted` lines. */
  deleted: string[];
  /** Kept because of the prune annotation or missing ownership labels. */
  skipped: string[];
}

/** Still ours (labels) and not opted out (annotation). */
function prunable(live: KubeObject, ks: Kustomization): boolean {
  const labels = live.metadata.labels ?? {};
  const owned =
    labels[KUSTOMIZE_NAME_LABEL] === ks.metadata.name &&
    labels[KUSTOMIZE_NAMESPACE_LABEL] === ks.metadata.namespace;
  return owned && live.metadata.annotations?.[PRUNE_ANNOTATION] !== 'disabled';
}

export async function pruneEntries(
  cluster: Cluster,
  ks: Kustomization,
  stale: InventoryEntry[],
): Promise<PruneResult> {
  const result: PruneResult = { deleted: [], skipped: [] };
  const errors: string[] = [];
  for (const ref of pruneOrder(stale.map(refOfEntry))) {
    const name = displayName(ref);
    try {
      const live = await cluster.get(ref);
      if (!live || live.metadata.deletionTimestamp) continue;
      if (!prunable(live, ks)) {
        result.skipped.push(name);
        continue;
      }
      if (await cluster.delete(ref, 'Background')) result.deleted.push(`${name} deleted`);
    } catch (err) {
      if (!isNotFound(err)) errors.push(`${name} delete failed: ${(err as Error).message}`);
    }
  }
  if (errors.length > 0) throw new KustomizationStepError(KsReason.PruneFailed, errors.join('\n'));
  return result;
}
