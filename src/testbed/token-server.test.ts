import { expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { libtrustKeyId } from './token-server.js';

it('libtrust key ids: 12 groups of 4 base32 characters', () => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const id = libtrustKeyId(publicKey.export({ type: 'spki', format: 'der' }));
  expect(id).toMatch(/^([A-Z2-7]{4}:){11}[A-Z2-7]{4}$/);
  expect(libtrustKeyId(publicKey.export({ type: 'spki', format: 'der' }))).toBe(id);
});
