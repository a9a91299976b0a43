import { describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { readCertificate, selfSignedCertificate } from './cert.js';
import { fingerprintOf, generateSealingKey, keySecret, newestKey, sealingKeyFromSecret } from './keys.js';
import { testKeys } from './testutil.js';
import { time, unsignedInteger, objectIdentifier } from './der.js';

const keys = testKeys();
const day = 24 * 3600 * 1000;

function cert(commonName: string, notBefore = new Date('2026-01-02T03:04:05Z'), days = 3650): string {
  return selfSignedCertificate({
    ...keys,
    commonName,
    notBefore,
    notAfter: new Date(notBefore.getTime() + days * day),
  });
}

describe('DER pieces', () => {
  it('encodes integers minimally and positive', () => {
    expect(unsignedInteger(Buffer.from([0, 0, 0x7f])).toString('hex')).toBe('02017f');
    expect(unsignedInteger(Buffer.from([0x80])).toString('hex')).toBe('02020080');
  });
  it('encodes object identifiers and both time forms', () => {
    expect(objectIdentifier('1.2.840.113549.1.1.11').toString('hex')).toBe('06092a864886f70d01010b');
    expect(time(new Date('2036-01-02T03:04:05Z')).toString()).toContain('360102030405Z');
    expect(time(new Date('2050-01-02T03:04:05Z'))[0]).toBe(0x18);
  });
});

describe('sealing certificates', () => {
  it('is a self-signed CA certificate over the key, valid for the given time', () => {
    const x509 = new X509Certificate(cert('sealed-secret'));
    expect(x509.verify(keys.publicKey)).toBe(true);
    // basicConstraints critical CA:TRUE, keyUsage critical encipherOnly (as sealed-secrets makes them)
    expect(x509.raw.toString('hex')).toContain('300f0603551d130101ff040530030101ff');
    expect(x509.raw.toString('hex')).toContain('300e0603551d0f0101ff040403020001');
    expect(x509.subject).toBe('CN=sealed-secret');
    expect(new Date(x509.validFrom).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(x509.publicKey.export({ format: 'jwk' })).toEqual(keys.publicKey.export({ format: 'jwk' }));
  });

  it('allows an empty subject, the sealed-secrets default', () => {
    expect(new X509Certificate(cert('')).subject ?? '').toBe('');
  });

  it('is read as kubeseal reads it: first PEM block, RSA, not expired', () => {
    const pem = cert('');
    const read = readCertificate(`junk\n${pem}${cert('other')}`);
    expect(read.pem).toBe(pem);
    expect(read.publicKey.export({ format: 'jwk' })).toEqual(keys.publicKey.export({ format: 'jwk' }));
    expect(() => readCertificate('nothing here')).toThrow(/no PEM certificate/);
    const expired = cert('', new Date('2020-01-01T00:00:00Z'), 1);
    expect(() => readCertificate(expired)).toThrow(/expired certificate/);
  });
});

describe('sealing keys', () => {
  it('round-trips through the key Secret format', async () => {
    const key = await generateSealingKey({ bits: 2048, commonName: '' });
    const secret = keySecret(key, 'kube-system');
    expect(secret.metadata).toEqual({
      generateName: 'sealed-secrets-key',
      namespace: 'kube-system',
      labels: { 'sealedsecrets.bitnami.com/sealed-secrets-key': 'active' },
    });
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(Buffer.from(secret.data!['tls.key']!, 'base64').toString()).toMatch(
      /^-----BEGIN RSA PRIVATE KEY-----/,
    );
    const back = sealingKeyFromSecret({
      ...secret,
      metadata: { ...secret.metadata, name: 'sealed-secrets-keyabc12' },
    });
    expect(back.name).toBe('sealed-secrets-keyabc12');
    expect(back.fingerprint).toBe(key.fingerprint);
    expect(back.notBefore.getTime()).toBe(Math.floor(key.notBefore.getTime() / 1000) * 1000);
  });

  it('fingerprints like ssh-keygen (SHA256:, unpadded base64)', () => {
    expect(fingerprintOf(keys.publicKey)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('picks the newest key by notBefore, the later one on a tie', () => {
    const k = (name: string, at: string) => ({ name, notBefore: new Date(at) }) as never;
    expect(newestKey([k('a', '2026-01-01'), k('b', '2026-02-01'), k('c', '2026-01-15')])).toMatchObject({
      name: 'b',
    });
    expect(newestKey([k('a', '2026-01-01'), k('b', '2026-01-01')])).toMatchObject({ name: 'b' });
    expect(newestKey([])).toBeUndefined();
  });
});
