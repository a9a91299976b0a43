/**
 * `dependsOn`: a Kustomization waits until every Kustomization it names is Ready for its
 * current generation (namespace defaults to its own), as kustomize-controller checks.
 */
import { KUSTOMIZE_API_VERSION, type Kustomization } from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import { getCondition } from '../conditions.js';

/** The message naming the first dependency that is not ready; undefined when all are. */
export async function unreadyDependency(home: Cluster, ks: Kustomization): Promise<string | undefined> {
  for (const dep of ks.spec.dependsOn ?? []) {
    const namespace = dep.namespace ?? ks.metadata.namespace ?? 'default';
    const other = (await home.get({
      apiVersion: KUSTOMIZE_API_VERSION,
      kind: 'Kustomization',
      namespace,
      name: dep.name,
    })) as Kustomization | undefined;
    if (!other) return `unable to get '${namespace}/${dep.name}' dependency: not found`;
    const ready =
      other.metadata.generation === other.status?.observedGeneration &&
      getCondition(other, 'Ready')?.status === 'True';
    if (!ready) return `dependency '${namespace}/${dep.name}' is not ready`;
  }
  return undefined;
}

/** Whether `ks` depends on the Kustomization `namespace/name`. */
export function dependsOn(ks: Kustomization, namespace: string, name: string): boolean {
  return (ks.spec.dependsOn ?? []).some(
    (d) => d.name === name && (d.namespace ?? ks.metadata.namespace) === namespace,
  );
}
