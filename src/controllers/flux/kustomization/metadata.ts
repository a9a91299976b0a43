/**
 * What Flux writes on every object it applies: `commonMetadata` labels and annotations,
 * and the owner labels `kustomize.toolkit.fluxcd.io/name` and `/namespace` (which also let
 * `kubectl get -l` find a Kustomization's objects).
 */
import {
  KUSTOMIZE_NAME_LABEL,
  KUSTOMIZE_NAMESPACE_LABEL,
  type Kustomization,
} from '../../../api/flux/index.js';
import type { KubeObject } from '../../../kube/object.js';

export function withFluxMetadata(obj: KubeObject, ks: Kustomization): KubeObject {
  const common = ks.spec.commonMetadata ?? {};
  const labels = {
    ...obj.metadata.labels,
    ...common.labels,
    [KUSTOMIZE_NAME_LABEL]: ks.metadata.name ?? '',
    [KUSTOMIZE_NAMESPACE_LABEL]: ks.metadata.namespace ?? '',
  };
  const annotations = { ...obj.metadata.annotations, ...common.annotations };
  const metadata = { ...obj.metadata, labels };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return { ...obj, metadata };
}
