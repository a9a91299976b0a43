/**
 * The CRD kustomizations.kustomize.toolkit.fluxcd.io under Flux's names (short name `ks`),
 * with a status subresource and Flux's printer columns, so `kubectl get ks` and the flux
 * CLI's reads work unchanged.
 */
import type { KubeObject } from '../../kube/object.js';
import { crd, readyColumns } from './crds.js';
import { kustomizationSchema } from './kustomization-schema.js';
import { KUSTOMIZE_GROUP } from './kustomization-types.js';

export function kustomizationCrd(): KubeObject {
  return crd({
    group: KUSTOMIZE_GROUP,
    kind: 'Kustomization',
    plural: 'kustomizations',
    singular: 'kustomization',
    shortNames: ['ks'],
    versions: ['v1'],
    schema: kustomizationSchema(),
    columns: readyColumns,
  });
}
