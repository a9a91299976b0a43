/**
 * Sealing keys and the Secrets that hold them, in the sealed-secrets controller's format:
 * type kubernetes.io/tls, `tls.key` a PKCS#1 RSA private key, `tls.crt` the self-signed
 * certificate, labelled `sealedsecrets.bitnami.com/sealed-secrets-key: active`, named
 * `<prefix><random>` by generateName. A key's age is its certificate's notBefore.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { SEALING_KEY_LABEL, type SecretObject } from '../api/bitnami/types.js';
import type { KubeObject } from '../kube/object.js';
import { readCertificate, selfSignedCertificate } from './cert.js';

const generateRsa = promisify(generateKeyPair);

export interface SealingKey {
  /** The key Secret's name. */
  name: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  certificatePem: string;
  /** `SHA256:…`, as `ssh-keygen -l` and the sealed-secrets controller print it. */
  fingerprint: string;
  notBefore: Date;
}

export interface KeyOptions {
  /** RSA modulus bits; the controller's default is 4096. */
  bits?: number;
  /** Certificate lifetime; the controller's default is ten years. */
  validForMs?: number;
  commonName?: string;
  now?: Date;
}

export const DEFAULT_KEY_BITS = 4096;
export const DEFAULT_KEY_VALIDITY_MS = 10 * 365 * 24 * 3600 * 1000;
export const DEFAULT_KEY_PREFIX = 'sealed-secrets-key';

/** ssh-rsa wire format: string "ssh-rsa", mpint e, mpint n; hashed with SHA-256. */
export function fingerprintOf(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const field = (b: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  const mpint = (b64url: string | undefined): Buffer => {
    const bytes = Buffer.from(b64url ?? '', 'base64url');
    return field((bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
  };
  const wire = Buffer.concat([field(Buffer.from('ssh-rsa')), mpint(jwk.e), mpint(jwk.n)]);
  return `SHA256:${createHash('sha256').update(wire).digest('base64').replace(/=+$/, '')}`;
}

/** A fresh RSA key and its self-signed certificate; `name` is set once its Secret exists. */
export async function generateSealingKey(options: KeyOptions = {}): Promise<SealingKey> {
  const { privateKey, publicKey } = await generateRsa('rsa', {
    modulusLength: options.bits ?? DEFAULT_KEY_BITS,
  });
  const notBefore = options.now ?? new Date();
  const notAfter = new Date(notBefore.getTime() + (options.validForMs ?? DEFAULT_KEY_VALIDITY_MS));
  const certificatePem = selfSignedCertificate({
    privateKey,
    publicKey,
    commonName: options.commonName ?? '',
    notBefore,
    notAfter,
  });
  return {
    name: '',
    privateKey,
    publicKey,
    certificatePem,
    fingerprint: fingerprintOf(publicKey),
    notBefore,
  };
}

/** The Secret that stores `key`, ready to create (generateName gives it its name). */
export function keySecret(key: SealingKey, namespace: string, prefix = DEFAULT_KEY_PREFIX): SecretObject {
  const pem = key.privateKey.export({ type: 'pkcs1', format: 'pem' });
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { generateName: prefix, namespace, labels: { [SEALING_KEY_LABEL]: 'active' } },
    type: 'kubernetes.io/tls',
    data: {
      'tls.crt': Buffer.from(key.certificatePem).toString('base64'),
      'tls.key': Buffer.from(pem).toString('base64'),
    },
  };
}

/**
 * The key a key Secret holds. Throws when it holds no usable RSA key and certificate. The
 * certificate may have expired: old keys keep decrypting.
 */
export function sealingKeyFromSecret(secret: KubeObject): SealingKey {
  const data = (secret as SecretObject).data ?? {};
  const name = secret.metadata.name ?? '';
  if (!data['tls.key'] || !data['tls.crt']) throw new Error(`key Secret ${name} has no tls.key and tls.crt`);
  const privateKey = createPrivateKey(Buffer.from(data['tls.key'], 'base64'));
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error(`key Secret ${name} does not hold an RSA key`);
  const publicKey = createPublicKey(privateKey);
  const certificatePem = Buffer.from(data['tls.crt'], 'base64').toString();
  const certificate = readCertificate(certificatePem, new Date(0));
  return {
    name,
    privateKey,
    publicKey,
    certificatePem,
    fingerprint: fingerprintOf(publicKey),
    notBefore: certificate.notBefore,
  };
}

/**
 * The newest key (latest certificate notBefore), the one new values are sealed with. On a tie
 * (notBefore has whole seconds) the later one in `keys` wins, so pass them oldest first.
 */
export function newestKey(keys: readonly SealingKey[]): SealingKey | undefined {
  return keys.reduce<SealingKey | undefined>(
    (a, b) => (a === undefined || b.notBefore >= a.notBefore ? b : a),
    undefined,
  );
}
