import { describe, expect, it } from 'vitest';
import { RenderCache, stableJson } from './cache.js';

const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } };

describe('RenderCache', () => {
  it('renders once per key and counts hits', async () => {
    const cache = new RenderCache();
    let calls = 0;
    const render = () => {
      calls += 1;
      return Promise.resolve([obj]);
    };
    const key = RenderCache.key({ rev: 'abc', values: { a: 1, b: 2 } });
    await cache.get(key, render);
    const second = await cache.get(RenderCache.key({ values: { b: 2, a: 1 }, rev: 'abc' }), render);
    expect(second.cached).toBe(true);
    expect(calls).toBe(1);
    expect(cache.renders).toBe(1);
    expect(cache.hits).toBe(1);
  });

  it('shares one render between concurrent callers and re-renders when forced', async () => {
    const cache = new RenderCache();
    let calls = 0;
    const render = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 10));
      return [obj];
    };
    await Promise.all([cache.get('k', render), cache.get('k', render), cache.get('k', render)]);
    expect(calls).toBe(1);
    await cache.get('k', render, true);
    expect(calls).toBe(2);
  });

  it('evicts the least recently used entry past its bound', async () => {
    const cache = new RenderCache(2);
    const render = () => Promise.resolve([obj]);
    await cache.get('a', render);
    await cache.get('b', render);
    await cache.get('a', render);
    await cache.get('c', render);
    expect((await cache.get('a', render)).cached).toBe(true);
    expect((await cache.get('b', render)).cached).toBe(false);
  });

  it('serialises keys independent of property order', () => {
    expect(stableJson({ b: [{ y: 1, x: 2 }], a: 1 })).toBe('{"a":1,"b":[{"x":2,"y":1}]}');
  });
});
