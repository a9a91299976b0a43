/** Keys and objects for the secrets unit tests: 2048-bit keys, made once per test file. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { SecretObject } from '../api/bitnami/types.js';

export interface TestKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function testKeys(): TestKeys {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

export function secret(
  name: string,
  namespace: string | undefined,
  values: Record<string, string>,
  extra: Partial<SecretObject> = {},
): SecretObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    ...extra,
    metadata: { name, ...(namespace ? { namespace } : {}), ...(extra.metadata ?? {}) },
    data: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  };
}

/** The decoded values of a Secret's data. */
export function plain(s: SecretObject): Record<string, string> {
  return Object.fromEntries(
    Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
  );
}
