/**
 * Signature checks for webhook deliveries. Every comparison is constant-time, and an empty
 * secret never verifies anything (an HMAC keyed with '' is forgeable by anyone).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const HEX = /^[0-9a-f]+$/i;

/**
 * GitHub's `X-Hub-Signature-256: sha256=<hex>` (HMAC-SHA256 of the raw body). The legacy
 * `X-Hub-Signature: sha1=<hex>` is accepted too: the caller passes it only when the
 * delivery has no sha256 header (see `signatureHeaderFor` in provider.ts). Bitbucket
 * Server signs the same way in `X-Hub-Signature` with the `sha256=` prefix.
 */
export function verifyGitHubSignature(secret: string, body: Buffer, header: string | undefined): boolean {
  if (!secret || !header) return false;
  const eq = header.indexOf('=');
  if (eq < 0) return false;
  const algorithm = header.slice(0, eq).trim().toLowerCase();
  if (algorithm !== 'sha256' && algorithm !== 'sha1') return false;
  return hmacMatches(algorithm, secret, body, header.slice(eq + 1).trim());
}

/** Gitea's `X-Gitea-Signature` (and Gogs' `X-Gogs-Signature`): hex HMAC-SHA256, no prefix. */
export function verifyGiteaSignature(secret: string, body: Buffer, header: string | undefined): boolean {
  if (!secret || !header) return false;
  return hmacMatches('sha256', secret, body, header.trim());
}

/** GitLab's `X-Gitlab-Token`: the shared secret itself, compared in constant time. */
export function verifyGitLabToken(secret: string, header: string | undefined): boolean {
  if (!secret || header === undefined) return false;
  // Hash both sides first so that neither the comparison nor its length check leaks anything.
  return timingSafeEqual(sha256(secret), sha256(header));
}

function hmacMatches(algorithm: 'sha1' | 'sha256', secret: string, body: Buffer, hex: string): boolean {
  if (!HEX.test(hex)) return false;
  const expected = createHmac(algorithm, secret).update(body).digest();
  const given = Buffer.from(hex, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
