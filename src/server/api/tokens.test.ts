import { describe, expect, it } from 'vitest';
import { newToken, parseTokenSecret, verifyToken } from './tokens.js';

describe('tokens', () => {
  const { id, token, record } = newToken('readonly', 'bob');
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'ferry-api-tokens' },
    data: { [id]: Buffer.from(JSON.stringify(record)).toString('base64'), junk: 'bm90IGpzb24=' },
  };

  it('stores a hash, never the token', () => {
    expect(JSON.stringify(record)).not.toContain(token);
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies the token and nothing else', () => {
    const records = parseTokenSecret(secret);
    expect([...records.keys()]).toEqual([id]);
    expect(verifyToken(records, token)).toEqual({ id, name: 'bob', role: 'readonly' });
    expect(verifyToken(records, `${token}x`)).toBeUndefined();
    expect(verifyToken(records, token.replace(id, '00000000'))).toBeUndefined();
    expect(verifyToken(records, 'Bearer')).toBeUndefined();
  });
});
