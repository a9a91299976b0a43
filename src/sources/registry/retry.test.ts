import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus } from './retry.js';
import { TokenCache, tokenUrl } from './token.js';

const options = { baseMs: 500, maxMs: 30_000 };

describe('back-off', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503].every(isRetryableStatus)).toBe(true);
    expect([200, 401, 403, 404].some(isRetryableStatus)).toBe(false);
  });

  it('honours Retry-After', () => {
    expect(backoffDelay(0, '2', options)).toBe(2000);
  });

  it('gives up rather than wait longer than the maximum', () => {
    expect(backoffDelay(0, '3600', options)).toBeUndefined();
  });

  it('doubles with jitter between half and the full step', () => {
    expect(backoffDelay(0, null, options, () => 0)).toBe(250);
    expect(backoffDelay(2, null, options, () => 1)).toBe(2000);
    expect(backoffDelay(10, null, options, () => 1)).toBe(30_000);
  });
});

describe('tokens', () => {
  const challenge = {
    scheme: 'bearer',
    params: {
      realm: 'https://auth.example/token',
      service: 'registry.example',
      scope: 'repository:a/b:pull',
    },
  };

  it('builds the realm URL with service and scope', () => {
    const url = tokenUrl({ challenge, defaultScope: 'repository:x:pull' });
    expect(url.toString()).toBe(
      'https://auth.example/token?service=registry.example&scope=repository%3Aa%2Fb%3Apull',
    );
  });

  it('caches until shortly before expires_in, separately per credentials', () => {
    let now = 1_000_000;
    const cache = new TokenCache(() => now);
    const alice = cache.key('r', { challenge, defaultScope: '', auth: { username: 'alice', password: 'x' } });
    const bob = cache.key('r', { challenge, defaultScope: '', auth: { username: 'bob', password: 'x' } });
    expect(alice).not.toBe(bob);
    expect(alice).not.toContain('x');
    cache.put(alice, { token: 't1', expires_in: 300 });
    expect(cache.get(alice)).toBe('t1');
    expect(cache.get(bob)).toBeUndefined();
    now += 289_000;
    expect(cache.get(alice)).toBe('t1');
    now += 2_000;
    expect(cache.get(alice)).toBeUndefined();
  });

  it('assumes 60 seconds without expires_in and reads access_token', () => {
    let now = 0;
    const cache = new TokenCache(() => now);
    cache.put('k', { access_token: 'a' });
    expect(cache.get('k')).toBe('a');
    now = 60_000;
    expect(cache.get('k')).toBeUndefined();
  });
});
