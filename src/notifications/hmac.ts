/**
 * The signature Flux's generic-hmac provider sends: header `X-Signature: sha256=<hex>`,
 * the HMAC-SHA256 of the exact request body keyed by the Provider Secret's `token`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Signature';

export function signBody(body: string, key: string): string {
  return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}

/** Whether `signature` (`sha256=<hex>`) is `body` signed with `key`; for receivers and tests. */
export function verifySignature(body: string, key: string, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signBody(body, key));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
