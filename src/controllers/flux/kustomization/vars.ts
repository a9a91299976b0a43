/**
 * The variables of `postBuild`: each `substituteFrom` ConfigMap/Secret's data in list
 * order, then the inline `substitute` map over them (Flux's precedence). A missing
 * reference fails the build unless it is `optional`. Values are never logged.
 */
import type { Kustomization } from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import { secretData } from '../secrets.js';
import { KsReason, KustomizationStepError } from './errors.js';

/** undefined when the Kustomization has no postBuild (no substitution at all). */
export async function loadVariables(
  home: Cluster,
  ks: Kustomization,
): Promise<Record<string, string> | undefined> {
  const postBuild = ks.spec.postBuild;
  if (!postBuild) return undefined;
  const namespace = ks.metadata.namespace ?? 'default';
  const vars: Record<string, string> = {};
  for (const ref of postBuild.substituteFrom ?? []) {
    const obj = await home.get({ apiVersion: 'v1', kind: ref.kind, namespace, name: ref.name });
    if (!obj) {
      if (ref.optional) continue;
      throw new KustomizationStepError(
        KsReason.BuildFailed,
        `substitute from '${ref.kind}/${ref.name}' failed: ${ref.kind === 'Secret' ? 'secrets' : 'configmaps'} "${ref.name}" not found`,
      );
    }
    const data = ref.kind === 'Secret' ? secretData(obj) : ((obj.data ?? {}) as Record<string, string>);
    Object.assign(vars, data);
  }
  Object.assign(vars, postBuild.substitute ?? {});
  return vars;
}
