/**
 * Types every Flux kind shares (github.com/fluxcd/pkg/apis/meta and source-controller's
 * Artifact): conditions in metav1.Condition form, artifacts, object references.
 */
import type { KubeObject, ObjectMeta } from '../../kube/object.js';

export const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const HELM_GROUP = 'helm.toolkit.fluxcd.io';
export const SOURCE_API_VERSION = `${SOURCE_GROUP}/v1`;
export const HELM_API_VERSION = `${HELM_GROUP}/v2`;

/** Annotations the Flux CLI writes to ask for a reconcile now, a forced release, a reset. */
export const RECONCILE_REQUESTED_ANNOTATION = 'reconcile.fluxcd.io/requestedAt';
export const FORCE_REQUESTED_ANNOTATION = 'reconcile.fluxcd.io/forceAt';
export const RESET_REQUESTED_ANNOTATION = 'reconcile.fluxcd.io/resetAt';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A metav1.Condition. */
export interface Condition {
  type: string;
  status: ConditionStatus;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** source-controller's Artifact: what a source produced, where to find it, its revision. */
export interface Artifact {
  /** Relative path of the artifact in the artifact store. */
  path: string;
  /** Where the artifact can be read; Ferry's are `file://` URLs on the controller's disk. */
  url: string;
  /** `main@sha1:…`, a chart version, `latest@sha256:…`, or `sha256:…` for an index. */
  revision: string;
  /** `sha256:<hex>` of the artifact's content. */
  digest?: string;
  lastUpdateTime: string;
  size?: number;
  metadata?: Record<string, string>;
}

export interface LocalObjectReference {
  name: string;
}

export interface NamespacedObjectReference {
  name: string;
  namespace?: string;
}

export interface FluxStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  lastHandledReconcileAt?: string;
  [key: string]: unknown;
}

/** Any Flux object: metadata plus a spec and the status its controller writes. */
export interface FluxObject<Spec, Status extends FluxStatus = FluxStatus> extends KubeObject {
  metadata: ObjectMeta;
  spec: Spec;
  status?: Status;
}
