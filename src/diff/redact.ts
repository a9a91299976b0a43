/**
 * Masks Secret values so that no diff, log or page ever shows them, while still showing
 * *whether* a value changed: for each key, each distinct value gets its own mask.
 * Following Argo CD, the first distinct value becomes `++++++++` (8) and each further
 * one four more plus signs, counted across desired, live and live's last-applied
 * annotation in that order. So equal values read equal and different values differ.
 * Secrets are first normalized (stringData folded into base64 data). Only `group ""`,
 * `kind Secret` objects are touched; a `data` that is not a map, or a last-applied
 * annotation that cannot be read, is replaced wholesale by a mask.
 */
import type { KubeObject } from '../kube/object.js';
import { isSecret, LAST_APPLIED_ANNOTATION, normalizeSecretData } from './normalize.js';
import { cloneJson, isPlainObject, type JsonObject } from './values.js';

export const FIRST_MASK = '++++++++';
const MASK_STEP = '++++';

function readLastApplied(live: KubeObject): JsonObject | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (isPlainObject(parsed)) return parsed;
  } catch {
    // not JSON: falls through
  }
  return {}; // not a Secret, so redactSecrets replaces the annotation by a mask
}

function prepare(secret: JsonObject): JsonObject {
  normalizeSecretData(secret);
  if (secret.data !== undefined && secret.data !== null && !isPlainObject(secret.data))
    secret.data = FIRST_MASK;
  return secret;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function maskKey(secrets: readonly JsonObject[], key: string): void {
  const masks = new Map<string, string>();
  let next = FIRST_MASK;
  for (const secret of secrets) {
    const data = secret.data;
    if (!isPlainObject(data) || !Object.hasOwn(data, key)) continue;
    const value = textOf(data[key]);
    let mask = masks.get(value);
    if (mask === undefined) {
      mask = next;
      masks.set(value, mask);
      next += MASK_STEP;
    }
    data[key] = mask;
  }
}

function maskAll(secrets: readonly JsonObject[]): void {
  const keys = new Set(secrets.flatMap((s) => (isPlainObject(s.data) ? Object.keys(s.data) : [])));
  for (const key of keys) maskKey(secrets, key);
}

/** Masked deep copies; the inputs are not changed. Objects that are not Secrets are only copied. */
export function redactSecrets(
  desired: KubeObject | undefined,
  live: KubeObject | undefined,
): { desired?: KubeObject; live?: KubeObject } {
  const target = desired && cloneJson(desired);
  const current = live && cloneJson(live);
  const lastApplied = current && isSecret(current) ? readLastApplied(current) : undefined;
  const secrets = [target, current, lastApplied].filter(
    (s): s is JsonObject => s !== undefined && isSecret(s),
  );
  maskAll(secrets.map(prepare));
  if (current && lastApplied) {
    const annotations = current.metadata.annotations ?? {};
    const readable = isSecret(lastApplied);
    annotations[LAST_APPLIED_ANNOTATION] = readable ? JSON.stringify(lastApplied) : FIRST_MASK;
    current.metadata.annotations = annotations;
  }
  return { desired: target, live: current };
}
