import { describe, expect, it } from 'vitest';
import { nextLink, parseChallenge, retryAfterMs } from './headers.js';

describe('parseChallenge', () => {
  it('reads a Docker Hub bearer challenge', () => {
    const c = parseChallenge(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
    );
    expect(c).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/nginx:pull',
      },
    });
  });

  it('keeps commas inside quoted values and reads unquoted ones', () => {
    const c = parseChallenge(
      'Bearer realm="https://ghcr.io/token", scope="repository:a/b:pull,push",error=insufficient_scope',
    );
    expect(c?.params).toEqual({
      realm: 'https://ghcr.io/token',
      scope: 'repository:a/b:pull,push',
      error: 'insufficient_scope',
    });
  });

  it('reads basic challenges and nothing from an empty header', () => {
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({
      scheme: 'basic',
      params: { realm: 'Registry Realm' },
    });
    expect(parseChallenge(null)).toBeUndefined();
    expect(parseChallenge('')).toBeUndefined();
  });
});

describe('nextLink', () => {
  it('finds rel="next"', () => {
    expect(nextLink('</v2/org/app/tags/list?last=b&n=2>; rel="next"')).toBe(
      '/v2/org/app/tags/list?last=b&n=2',
    );
  });

  it('picks next among several links and accepts unquoted rel', () => {
    const header =
      '<https://r.example/v2/a/tags/list?n=1>; rel=prev, <https://r.example/v2/a/tags/list?last=x&n=1>; rel=next';
    expect(nextLink(header)).toBe('https://r.example/v2/a/tags/list?last=x&n=1');
  });

  it('is undefined on the last page', () => {
    expect(nextLink(null)).toBeUndefined();
    expect(nextLink('</v2/a/tags/list?n=1>; rel="prev"')).toBeUndefined();
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterMs('Thu, 01 Jan 2025 00:00:10 GMT', now)).toBe(0);
  });

  it('is undefined when absent or unreadable', () => {
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
