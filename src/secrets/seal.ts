/**
 * Sealing, as kubeseal seals: each Secret value encrypted on its own (so one key can change
 * without the others), the Secret's metadata kept as the template, the scope in annotations.
 */
import type { KeyObject } from 'node:crypto';
import {
  SEALED_SECRET_API_VERSION,
  SEALED_SECRET_KIND,
  type SealedSecret,
  type SecretObject,
  type SecretTemplate,
} from '../api/bitnami/types.js';
import type { ObjectMeta } from '../kube/object.js';
import { decodeBase64 } from './base64.js';
import { SealInputError } from './errors.js';
import { hybridEncrypt } from './hybrid.js';
import { scopeOf, sealingLabel, withScopeAnnotations, type Scope } from './scope.js';

export interface SealOptions {
  /** `--scope`; when absent or strict, the Secret's own scope annotations decide. */
  scope?: Scope;
  /** Seal a Secret without data (kubeseal --allow-empty-data). */
  allowEmptyData?: boolean;
  /** The namespace to use when the Secret has none (kubeseal uses the kubeconfig's). */
  defaultNamespace?: string;
  /** Override name and namespace (used by --merge-into). */
  name?: string;
  namespace?: string;
}

/** Annotations that copy the whole object, Secret values included: never sealed into a template. */
const LEAKY_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'kubecfg.ksonnet.io/last-applied-configuration',
];
const SERVER_FIELDS = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
  'managedFields',
  'ownerReferences',
];

/** One value, sealed for namespace/name under `scope`: base64, as in encryptedData. */
export function sealValue(
  publicKey: KeyObject,
  value: Buffer,
  target: { namespace: string; name: string; scope: Scope },
): string {
  return hybridEncrypt(publicKey, value, sealingLabel(target.namespace, target.name, target.scope)).toString(
    'base64',
  );
}

function cleanAnnotations(meta: ObjectMeta, scopeOption: Scope | undefined): Scope {
  const annotations = { ...(meta.annotations ?? {}) };
  for (const a of LEAKY_ANNOTATIONS) delete annotations[a];
  const scope = scopeOption && scopeOption !== 'strict' ? scopeOption : scopeOf(annotations);
  meta.annotations = withScopeAnnotations(annotations, scope);
  if (Object.keys(meta.annotations).length === 0) delete meta.annotations;
  return scope;
}

function prepareMetadata(secret: SecretObject, options: SealOptions): ObjectMeta {
  const meta: ObjectMeta = { ...secret.metadata };
  if (options.name) meta.name = options.name;
  if (options.namespace) meta.namespace = options.namespace;
  if (!meta.name) throw new SealInputError('missing metadata.name in input Secret');
  for (const field of SERVER_FIELDS) delete meta[field];
  const scope = cleanAnnotations(meta, options.scope);
  if (scope !== 'cluster-wide' && !meta.namespace) {
    if (!options.defaultNamespace)
      throw new SealInputError(
        'input Secret has no namespace and no default namespace is known (use --namespace)',
      );
    meta.namespace = options.defaultNamespace;
  }
  return meta;
}

/** The Secret's values as bytes: `data` decoded, `stringData` as UTF-8 (it wins, as in the API). */
export function secretValues(secret: SecretObject): Map<string, Buffer> {
  const values = new Map<string, Buffer>();
  for (const [key, encoded] of Object.entries(secret.data ?? {})) {
    const bytes = decodeBase64(encoded ?? '');
    if (!bytes) throw new SealInputError(`data.${key} in the input Secret is not valid base64`);
    values.set(key, bytes);
  }
  for (const [key, text] of Object.entries(secret.stringData ?? {}))
    values.set(key, Buffer.from(String(text)));
  return values;
}

function templateOf(secret: SecretObject, meta: ObjectMeta): SecretTemplate {
  const template: SecretTemplate = { metadata: meta };
  if (secret.type) template.type = secret.type;
  if (secret.immutable !== undefined) template.immutable = secret.immutable;
  return template;
}

function sealedMetadata(meta: ObjectMeta, scope: Scope): ObjectMeta {
  const annotations = withScopeAnnotations({}, scope);
  const out: ObjectMeta = { name: meta.name };
  if (meta.namespace) out.namespace = meta.namespace;
  if (Object.keys(annotations).length > 0) out.annotations = annotations;
  return out;
}

/** Seals a Secret into a SealedSecret with the given public key. Throws SealInputError. */
export function sealSecret(
  secret: SecretObject,
  publicKey: KeyObject,
  options: SealOptions = {},
): SealedSecret {
  if (secret.kind !== 'Secret')
    throw new SealInputError(`expected a Secret, got ${secret.kind || 'no kind'}`);
  const values = secretValues(secret);
  if (values.size === 0 && !options.allowEmptyData)
    throw new SealInputError('the input Secret has no data; to seal it anyway use --allow-empty-data');
  const meta = prepareMetadata(secret, options);
  const scope = scopeOf(meta.annotations);
  const target = { namespace: meta.namespace ?? '', name: meta.name ?? '', scope };
  const encryptedData: Record<string, string> = {};
  for (const [key, value] of values) encryptedData[key] = sealValue(publicKey, value, target);
  return {
    kind: SEALED_SECRET_KIND,
    apiVersion: SEALED_SECRET_API_VERSION,
    metadata: sealedMetadata(meta, scope),
    spec: { template: templateOf(secret, meta), encryptedData },
  };
}

function mergeMaps(
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
): Record<string, string> | undefined {
  const merged = { ...(a ?? {}), ...(b ?? {}) };
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/** kubeseal --merge-into: the new values, labels, annotations and template data over `into`. */
export function mergeSealed(into: SealedSecret, update: SealedSecret): SealedSecret {
  const template = into.spec.template ?? {};
  const upd = update.spec.template ?? {};
  const meta: ObjectMeta = { ...(template.metadata ?? {}) };
  const annotations = mergeMaps(meta.annotations, upd.metadata?.annotations);
  const labels = mergeMaps(meta.labels, upd.metadata?.labels);
  delete meta.annotations;
  delete meta.labels;
  if (labels) meta.labels = labels;
  if (annotations) meta.annotations = annotations;
  const merged: SecretTemplate = { ...template, metadata: meta };
  if (template.data || upd.data) merged.data = { ...template.data, ...upd.data };
  const encryptedData = { ...into.spec.encryptedData, ...update.spec.encryptedData };
  return { ...into, spec: { ...into.spec, template: merged, encryptedData } };
}
