/**
 * kustomize.toolkit.fluxcd.io/v1 Kustomization, with the fields kustomize-controller's Go
 * types declare (the ones Ferry reads; see docs/compatibility.md for the rest).
 */
import type { FluxObject, FluxStatus, NamespacedObjectReference } from './common-types.js';

export const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const KUSTOMIZE_API_VERSION = `${KUSTOMIZE_GROUP}/v1`;

/** Labels Flux puts on every object a Kustomization applies. */
export const KUSTOMIZE_NAME_LABEL = `${KUSTOMIZE_GROUP}/name`;
export const KUSTOMIZE_NAMESPACE_LABEL = `${KUSTOMIZE_GROUP}/namespace`;
/** `disabled` on an object: never pruned (garbage collection skips it). */
export const PRUNE_ANNOTATION = `${KUSTOMIZE_GROUP}/prune`;
/** `disabled` on an object: no postBuild variable substitution in it. */
export const SUBSTITUTE_ANNOTATION = `${KUSTOMIZE_GROUP}/substitute`;
/** `enabled` on an object: recreate it when an immutable field changes (as spec.force). */
export const FORCE_ANNOTATION = `${KUSTOMIZE_GROUP}/force`;
/** `IfNotPresent` on an object: created once, never updated. */
export const SSA_ANNOTATION = `${KUSTOMIZE_GROUP}/ssa`;

export interface CrossNamespaceSourceReference {
  apiVersion?: string;
  kind: 'GitRepository' | 'OCIRepository' | 'Bucket';
  name: string;
  namespace?: string;
}

export interface KustomizeSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  annotationSelector?: string;
  labelSelector?: string;
}

export interface KustomizePatch {
  patch: string;
  target?: KustomizeSelector;
}

export interface KustomizeImage {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

export interface SubstituteReference {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  optional?: boolean;
}

export interface HealthCheckReference {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface KustomizationSpec {
  sourceRef: CrossNamespaceSourceReference;
  path?: string;
  interval: string;
  retryInterval?: string;
  timeout?: string;
  prune: boolean;
  deletionPolicy?: 'MirrorPrune' | 'Delete' | 'WaitForTermination' | 'Orphan';
  targetNamespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  commonMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  dependsOn?: NamespacedObjectReference[];
  wait?: boolean;
  healthChecks?: HealthCheckReference[];
  patches?: KustomizePatch[];
  images?: KustomizeImage[];
  components?: string[];
  postBuild?: {
    substitute?: Record<string, string>;
    substituteFrom?: SubstituteReference[];
  };
  suspend?: boolean;
  force?: boolean;
  kubeConfig?: { secretRef: { name: string; key?: string } };
  serviceAccountName?: string;
}

/** One applied object in `status.inventory`: `<namespace>_<name>_<group>_<kind>` and its version. */
export interface InventoryEntry {
  id: string;
  v: string;
}

export interface KustomizationStatus extends FluxStatus {
  lastAppliedRevision?: string;
  lastAttemptedRevision?: string;
  inventory?: { entries: InventoryEntry[] };
}

export type Kustomization = FluxObject<KustomizationSpec, KustomizationStatus>;
