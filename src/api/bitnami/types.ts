/**
 * Bitnami Sealed Secrets' API (bitnami.com/v1alpha1 SealedSecret), field for field as the
 * sealed-secrets controller and kubeseal read and write it, with its annotation and label names.
 */
import type { KubeObject, ObjectMeta } from '../../kube/object.js';

export const BITNAMI_GROUP = 'bitnami.com';
export const SEALED_SECRET_API_VERSION = 'bitnami.com/v1alpha1';
export const SEALED_SECRET_KIND = 'SealedSecret';

const annotationPrefix = 'sealedsecrets.bitnami.com/';

/** On a SealedSecret (and its template): sealed for any name in its namespace. */
export const NAMESPACE_WIDE_ANNOTATION = `${annotationPrefix}namespace-wide`;
/** On a SealedSecret (and its template): sealed for any name in any namespace. */
export const CLUSTER_WIDE_ANNOTATION = `${annotationPrefix}cluster-wide`;
/** On an existing Secret: the controller may take it over. */
export const MANAGED_ANNOTATION = `${annotationPrefix}managed`;
/** On an existing Secret: the controller merges its keys into it instead of replacing them. */
export const PATCH_ANNOTATION = `${annotationPrefix}patch`;
/** On the template: the Secret gets no ownerReference to its SealedSecret. */
export const SKIP_OWNER_REFERENCES_ANNOTATION = `${annotationPrefix}skip-set-owner-references`;

/** Label of the controller's key Secrets; the value is `active` or `compromised`. */
export const SEALING_KEY_LABEL = `${annotationPrefix}sealed-secrets-key`;

/** kubeseal's defaults for where the controller (its Service and its keys) lives. */
export const DEFAULT_CONTROLLER_NAMESPACE = 'kube-system';
export const DEFAULT_CONTROLLER_NAME = 'sealed-secrets-controller';

/** What the created Secret looks like, apart from its data. */
export interface SecretTemplate {
  metadata?: ObjectMeta | null;
  type?: string;
  immutable?: boolean;
  /** Keys rendered as Go templates over the decrypted values; a null value removes the key. */
  data?: Record<string, string | null> | null;
}

export interface SealedSecretSpec {
  /** base64 of kubeseal's hybrid ciphertext, one per Secret key. */
  encryptedData: Record<string, string>;
  template?: SecretTemplate;
  /** The long-deprecated whole-Secret ciphertext; Ferry refuses it with a clear message. */
  data?: string;
}

export interface SealedSecretCondition {
  type: 'Synced';
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface SealedSecretStatus {
  observedGeneration?: number;
  conditions?: SealedSecretCondition[];
}

export interface SealedSecret extends KubeObject {
  spec: SealedSecretSpec;
  status?: SealedSecretStatus;
}

/** A core/v1 Secret as Ferry handles it: values base64 in `data`, plain in `stringData`. */
export interface SecretObject extends KubeObject {
  type?: string;
  immutable?: boolean;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export function isSealedSecret(obj: KubeObject): obj is SealedSecret {
  return obj.apiVersion === SEALED_SECRET_API_VERSION && obj.kind === SEALED_SECRET_KIND;
}
