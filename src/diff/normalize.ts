/**
 * Strips what the API server owns so that desired and live compare like for like.
 * Removed: `status` (always, for every kind), `metadata.managedFields`, `resourceVersion`,
 * `uid`, `creationTimestamp`, `generation`, `selfLink`, `deletionTimestamp`,
 * `deletionGracePeriodSeconds` and the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation; annotations and labels left empty are dropped.
 * Kept on purpose: `ownerReferences` and `finalizers` (Git may set them, and a change there
 * matters), and tracking marks such as the `argocd.argoproj.io/tracking-id` annotation
 * and `app.kubernetes.io/instance` label, which say who owns the object.
 * Secrets: `stringData` is folded into `data` (base64), and null data values become "",
 * as Argo CD does, so a manifest using stringData equals the live Secret.
 */
import { Buffer } from 'node:buffer';
import { groupOf, type KubeObject } from '../kube/object.js';
import { cloneJson, isPlainObject, type JsonObject } from './values.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
] as const;

export function isSecret(obj: { apiVersion?: unknown; kind?: unknown }): boolean {
  return typeof obj.apiVersion === 'string' && groupOf(obj.apiVersion) === '' && obj.kind === 'Secret';
}

function dropIfEmpty(meta: JsonObject, key: string): void {
  const value = meta[key];
  if (value === null || (isPlainObject(value) && Object.keys(value).length === 0)) delete meta[key];
}

/** Mutates a Secret-shaped object: folds stringData into data and turns null values into "". */
export function normalizeSecretData(secret: JsonObject): void {
  const stringData = secret.stringData;
  if (isPlainObject(stringData)) {
    const data = isPlainObject(secret.data) ? secret.data : {};
    for (const [key, value] of Object.entries(stringData)) {
      const text = typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value);
      data[key] = Buffer.from(text, 'utf8').toString('base64');
    }
    secret.data = data;
    delete secret.stringData;
  }
  if (isPlainObject(secret.data)) {
    for (const [key, value] of Object.entries(secret.data)) if (value === null) secret.data[key] = '';
  }
}

/** A normalized deep copy; the input is not changed. */
export function normalize(obj: KubeObject): KubeObject {
  const out = cloneJson(obj);
  delete out.status;
  const meta: JsonObject = isPlainObject(out.metadata) ? out.metadata : {};
  out.metadata = meta;
  for (const key of SERVER_METADATA) delete meta[key];
  if (isPlainObject(meta.annotations)) delete meta.annotations[LAST_APPLIED_ANNOTATION];
  dropIfEmpty(meta, 'annotations');
  dropIfEmpty(meta, 'labels');
  if (isSecret(out)) normalizeSecretData(out);
  return out;
}
