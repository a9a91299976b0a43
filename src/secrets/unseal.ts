/**
 * Unsealing: a SealedSecret and the cluster's private keys in, the Secret it stands for out.
 * The label comes from the SealedSecret's own namespace, name and scope annotations, so a copy
 * renamed or moved outside its scope does not decrypt. Any failing value fails the whole Secret:
 * a half-written Secret would be worse than the previous one.
 */
import type { KeyObject } from 'node:crypto';
import {
  SEALED_SECRET_API_VERSION,
  SEALED_SECRET_KIND,
  SKIP_OWNER_REFERENCES_ANNOTATION,
  type SealedSecret,
  type SecretObject,
} from '../api/bitnami/types.js';
import type { ObjectMeta } from '../kube/object.js';
import { decodeBase64 } from './base64.js';
import { CiphertextError, UnsealError, type UnsealFailure } from './errors.js';
import { hybridDecrypt } from './hybrid.js';
import { scopeHint, scopeOf, sealingLabel } from './scope.js';
import { renderTemplate, TemplateError } from './template.js';

const SERVER_FIELDS = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'managedFields',
  'selfLink',
  'ownerReferences',
];

/** Decrypts every value of encryptedData; throws UnsealError naming each failing key. */
export function decryptValues(ss: SealedSecret, privateKeys: readonly KeyObject[]): Map<string, Buffer> {
  const namespace = ss.metadata.namespace ?? '';
  const scope = scopeOf(ss.metadata.annotations);
  const label = sealingLabel(namespace, ss.metadata.name ?? '', scope);
  const values = new Map<string, Buffer>();
  const failures: Array<{ key: string; failure: UnsealFailure }> = [];
  for (const key of Object.keys(ss.spec.encryptedData ?? {}).sort()) {
    const bytes = decodeBase64(String(ss.spec.encryptedData[key]));
    if (!bytes) {
      failures.push({ key, failure: 'invalid-base64' });
      continue;
    }
    try {
      values.set(key, hybridDecrypt(privateKeys, bytes, label));
    } catch (err) {
      if (!(err instanceof CiphertextError)) throw err;
      failures.push({ key, failure: err.failure });
    }
  }
  if (failures.length > 0) {
    const hint = failures.some((f) => f.failure === 'no-key') ? scopeHint(scope) : '';
    throw UnsealError.forKeys(failures, hint);
  }
  return values;
}

function renderTemplateData(ss: SealedSecret, values: Map<string, Buffer>): void {
  const templates = ss.spec.template?.data ?? {};
  const plain: Record<string, string> = {};
  for (const [key, value] of values) plain[key] = value.toString('utf8');
  for (const [key, template] of Object.entries(templates)) {
    if (template === null) {
      values.delete(key);
      continue;
    }
    try {
      values.set(key, Buffer.from(renderTemplate(template, plain)));
    } catch (err) {
      if (err instanceof TemplateError) throw new UnsealError(`template.data.${key}: ${err.message}`);
      throw err;
    }
  }
}

function secretMetadata(ss: SealedSecret): ObjectMeta {
  const meta: ObjectMeta = { ...(ss.spec.template?.metadata ?? {}) };
  for (const field of SERVER_FIELDS) delete meta[field];
  delete meta.generateName;
  meta.name = ss.metadata.name;
  meta.namespace = ss.metadata.namespace;
  if (meta.annotations?.[SKIP_OWNER_REFERENCES_ANNOTATION] !== 'true') {
    meta.ownerReferences = [
      {
        apiVersion: SEALED_SECRET_API_VERSION,
        kind: SEALED_SECRET_KIND,
        name: ss.metadata.name ?? '',
        uid: ss.metadata.uid ?? '',
        controller: true,
      },
    ];
  }
  return meta;
}

/** The Secret a SealedSecret stands for. Throws UnsealError (never with a value in it). */
export function unsealSealedSecret(ss: SealedSecret, privateKeys: readonly KeyObject[]): SecretObject {
  if (ss.spec?.data !== undefined && Object.keys(ss.spec.encryptedData ?? {}).length === 0)
    throw new UnsealError(
      "the deprecated 'spec.data' field is not supported; re-seal into spec.encryptedData",
    );
  const values = decryptValues(ss, privateKeys);
  renderTemplateData(ss, values);
  const secret: SecretObject = { apiVersion: 'v1', kind: 'Secret', metadata: secretMetadata(ss) };
  const template = ss.spec.template;
  secret.type = template?.type || 'Opaque';
  if (template?.immutable !== undefined) secret.immutable = template.immutable;
  secret.data = Object.fromEntries([...values].map(([k, v]) => [k, v.toString('base64')]));
  return secret;
}
