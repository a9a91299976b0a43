/**
 * Verify and re-encrypt (the controller's /v1/verify and /v1/rotate, kubeseal --validate and
 * --re-encrypt). Re-encryption keeps the SealedSecret as written and replaces only each
 * encryptedData value, sealed again under the same label with the newest key. The scope comes
 * from the SealedSecret's own annotations, never from its template: a template annotation must
 * not widen the scope of a re-encrypted secret (CVE-2026-22728 in sealed-secrets < 0.36).
 */
import type { KeyObject } from 'node:crypto';
import type { SealedSecret } from '../api/bitnami/types.js';
import type { ObjectMeta } from '../kube/object.js';
import { UnsealError } from './errors.js';
import { decryptValues } from './unseal.js';
import { sealValue } from './seal.js';
import { scopeOf } from './scope.js';

/** Whether the keys decrypt every value of `ss`. */
export function canDecrypt(ss: SealedSecret, privateKeys: readonly KeyObject[]): boolean {
  try {
    decryptValues(ss, privateKeys);
    return true;
  } catch (err) {
    if (err instanceof UnsealError) return false;
    throw err;
  }
}

const SERVER_FIELDS = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'managedFields',
  'selfLink',
];

/** `ss` with every value sealed again for `publicKey`. Throws UnsealError when it cannot decrypt. */
export function reencryptSealedSecret(
  ss: SealedSecret,
  privateKeys: readonly KeyObject[],
  publicKey: KeyObject,
): SealedSecret {
  const values = decryptValues(ss, privateKeys);
  const target = {
    namespace: ss.metadata.namespace ?? '',
    name: ss.metadata.name ?? '',
    scope: scopeOf(ss.metadata.annotations),
  };
  const encryptedData: Record<string, string> = {};
  for (const key of Object.keys(ss.spec.encryptedData)) {
    const value = values.get(key);
    if (value !== undefined) encryptedData[key] = sealValue(publicKey, value, target);
  }
  const metadata: ObjectMeta = { ...ss.metadata };
  for (const field of SERVER_FIELDS) delete metadata[field];
  const { status: _status, ...rest } = ss;
  return { ...rest, metadata, spec: { ...ss.spec, encryptedData } };
}
