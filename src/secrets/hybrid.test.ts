import { describe, expect, it } from 'vitest';
import { hybridDecrypt, hybridEncrypt } from './hybrid.js';
import { CiphertextError } from './errors.js';
import { testKeys } from './testutil.js';

const a = testKeys();
const b = testKeys();
const label = Buffer.from('my-app/my-app-secrets');

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof CiphertextError ? err.failure : `other: ${(err as Error).message}`;
  }
  return 'no error';
}

describe('hybrid encryption (kubeseal layout)', () => {
  it('lays out length, RSA block, then AES-GCM body with its tag', () => {
    const out = hybridEncrypt(a.publicKey, Buffer.from('hunter2'), label);
    const rsaLength = out.readUInt16BE(0);
    expect(rsaLength).toBe(256); // 2048-bit key; 4096-bit keys give 512 ("Ag…" in base64)
    expect(out.length).toBe(2 + rsaLength + 'hunter2'.length + 16);
  });

  it('round-trips, with labels of every scope', () => {
    for (const l of [label, Buffer.from('my-app'), Buffer.alloc(0)]) {
      const value = Buffer.from('päss\u0000word');
      expect(hybridDecrypt([a.privateKey], hybridEncrypt(a.publicKey, value, l), l)).toEqual(value);
    }
  });

  it('tries every key, in order', () => {
    const sealed = hybridEncrypt(a.publicKey, Buffer.from('x'), label);
    expect(hybridDecrypt([b.privateKey, a.privateKey], sealed, label).toString()).toBe('x');
  });

  it('refuses another key, another label, altered bytes and truncation', () => {
    const sealed = hybridEncrypt(a.publicKey, Buffer.from('secret value'), label);
    expect(failure(() => hybridDecrypt([b.privateKey], sealed, label))).toBe('no-key');
    expect(failure(() => hybridDecrypt([a.privateKey], sealed, Buffer.from('my-app/other')))).toBe('no-key');
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 20]! ^= 1; // inside the AES part
    expect(failure(() => hybridDecrypt([a.privateKey], flipped, label))).toBe('no-key');
    const rsaFlipped = Buffer.from(sealed);
    rsaFlipped[10]! ^= 1;
    expect(failure(() => hybridDecrypt([a.privateKey], rsaFlipped, label))).toBe('no-key');
    expect(failure(() => hybridDecrypt([a.privateKey], sealed.subarray(0, 100), label))).toBe('too-short');
    expect(failure(() => hybridDecrypt([a.privateKey], sealed.subarray(0, 1), label))).toBe('too-short');
  });
});
