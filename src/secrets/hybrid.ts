/**
 * kubeseal's hybrid encryption, byte for byte (sealed-secrets pkg/crypto HybridEncrypt):
 *
 *   uint16 big-endian length of the RSA ciphertext
 *   || RSA-OAEP(SHA-256, label) of a fresh 32-byte session key
 *   || AES-256-GCM(session key, 12 zero bytes as nonce) of the value, 16-byte tag appended
 *
 * The zero nonce is safe because every session key encrypts exactly one value. The OAEP
 * label binds the ciphertext to its scope (see scope.ts).
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { CiphertextError } from './errors.js';

const SESSION_KEY_BYTES = 32;
const GCM_NONCE = Buffer.alloc(12);
const GCM_TAG_BYTES = 16;

function oaep(key: KeyObject, label: Buffer): Parameters<typeof publicEncrypt>[0] {
  return { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: label };
}

export function hybridEncrypt(publicKey: KeyObject, plaintext: Buffer, label: Buffer): Buffer {
  const sessionKey = randomBytes(SESSION_KEY_BYTES);
  const rsa = publicEncrypt(oaep(publicKey, label), sessionKey);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(rsa.length);
  const cipher = createCipheriv('aes-256-gcm', sessionKey, GCM_NONCE);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([length, rsa, body]);
}

/** Splits a ciphertext into its RSA and AES parts; throws CiphertextError('too-short'). */
function split(ciphertext: Buffer): { rsa: Buffer; aes: Buffer } {
  if (ciphertext.length < 2) throw new CiphertextError('too-short');
  const rsaLength = ciphertext.readUInt16BE(0);
  if (ciphertext.length < rsaLength + 2 + GCM_TAG_BYTES) throw new CiphertextError('too-short');
  return { rsa: ciphertext.subarray(2, rsaLength + 2), aes: ciphertext.subarray(rsaLength + 2) };
}

function tryKey(
  privateKey: KeyObject,
  parts: { rsa: Buffer; aes: Buffer },
  label: Buffer,
): Buffer | undefined {
  let sessionKey: Buffer;
  try {
    sessionKey = privateDecrypt(oaep(privateKey, label), parts.rsa);
  } catch {
    return undefined; // another key, another cluster, or another scope label
  }
  if (sessionKey.length !== SESSION_KEY_BYTES) return undefined;
  const sealed = parts.aes.subarray(0, parts.aes.length - GCM_TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', sessionKey, GCM_NONCE);
  decipher.setAuthTag(parts.aes.subarray(parts.aes.length - GCM_TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed), decipher.final()]);
  } catch {
    return undefined; // the AES part was altered
  }
}

/**
 * Decrypts with the first of `privateKeys` that opens the ciphertext. Throws CiphertextError:
 * 'too-short' for a truncated value, 'no-key' when none of the keys (with this label) opens it.
 */
export function hybridDecrypt(privateKeys: readonly KeyObject[], ciphertext: Buffer, label: Buffer): Buffer {
  const parts = split(ciphertext);
  for (const key of privateKeys) {
    const plaintext = tryKey(key, parts, label);
    if (plaintext !== undefined) return plaintext;
  }
  throw new CiphertextError('no-key');
}
