import { describe, expect, it } from 'vitest';
import { LiveObjectCache, isNewer } from './live-cache.js';
import type { KubeObject } from './object.js';

const server = 'https://a';
const kind = { apiVersion: 'v1', kind: 'ConfigMap' };
const ref = { ...kind, namespace: 'ns', name: 'cm' };

function cm(rv: string, data: Record<string, string> = {}, tracked = true, uid = 'u1'): KubeObject {
  return {
    ...kind,
    metadata: {
      name: 'cm',
      namespace: 'ns',
      uid,
      resourceVersion: rv,
      ...(tracked ? { annotations: { 'argocd.argoproj.io/tracking-id': 'app:/ConfigMap:ns/cm' } } : {}),
    },
    data,
  };
}

function cache(now = (): number => 0): LiveObjectCache {
  return new LiveObjectCache((o) => Boolean(o.metadata.annotations?.['argocd.argoproj.io/tracking-id']), now);
}

/** What memory says about `ref`: 'ask' (the server must be asked), 'absent', or the object. */
function said(c: LiveObjectCache): 'ask' | 'absent' | KubeObject {
  const known = c.lookup(server, ref);
  return known === undefined ? 'ask' : (known.object ?? 'absent');
}

describe('LiveObjectCache', () => {
  it('answers nothing until the watch has listed, then knows what exists and what does not', () => {
    const c = cache();
    expect(said(c)).toBe('ask');
    c.setSynced(server, kind, true);
    expect(said(c)).toBe('absent');
    c.observe(server, 'ADDED', cm('5'));
    expect(c.lookup(server, ref)?.object?.metadata.resourceVersion).toBe('5');
    expect(c.lookup(server, { ...ref, name: 'other' })).toEqual({ object: undefined });
    expect(c.lookup(server, { ...ref, kind: 'Secret' })).toBeUndefined();
  });

  it('forgets everything of a kind when its watch breaks, and answers nothing until it has listed again', () => {
    const c = cache();
    c.setSynced(server, kind, true);
    c.observe(server, 'ADDED', cm('5'));
    c.setSynced(server, kind, false);
    expect(said(c)).toBe('ask');
    c.setSynced(server, kind, true);
    expect(said(c)).toBe('absent');
  });

  it('keeps only tracked objects whole: an untracked one is read from the server', () => {
    const c = cache();
    c.setSynced(server, kind, true);
    c.observe(server, 'ADDED', cm('5', {}, false));
    expect(said(c)).toBe('ask');
    c.observe(server, 'MODIFIED', cm('6'));
    expect(said(c)).toMatchObject({ metadata: { resourceVersion: '6' } });
    c.observe(server, 'MODIFIED', cm('7', {}, false));
    expect(said(c)).toBe('ask');
    expect(c.size).toBe(0);
  });

  it("records Ferry's own write and ignores events older than it, but not its echo", () => {
    const c = cache();
    c.setSynced(server, kind, true);
    c.observe(server, 'ADDED', cm('5', { a: 'old' }));
    c.wrote(server, cm('9', { a: 'new' }));
    expect(c.lookup(server, ref)?.object?.data).toEqual({ a: 'new' });
    expect(c.observe(server, 'MODIFIED', cm('7', { a: 'between' }))).toBe('stale');
    expect(c.lookup(server, ref)?.object?.data).toEqual({ a: 'new' });
    expect(c.observe(server, 'MODIFIED', cm('9', { a: 'new' }))).toBe('changed');
    expect(c.lookup(server, ref)?.object?.data).toEqual({ a: 'new' });
    expect(c.observe(server, 'MODIFIED', cm('10', { a: 'edited' }))).toBe('changed');
    expect(c.lookup(server, ref)?.object?.data).toEqual({ a: 'edited' });
  });

  it('does not serve an object Ferry deleted until the watch reports it gone or the grace passes', () => {
    let now = 0;
    const c = cache(() => now);
    c.setSynced(server, kind, true);
    c.observe(server, 'ADDED', cm('5'));
    c.deleted(server, ref);
    expect(said(c)).toBe('ask');
    c.observe(server, 'MODIFIED', cm('6')); // deletionTimestamp set, still there
    expect(said(c)).toBe('ask');
    now = 60_000;
    expect(said(c)).toMatchObject({ metadata: { resourceVersion: '6' } });
    c.deleted(server, ref);
    c.observe(server, 'DELETED', cm('7'));
    expect(said(c)).toBe('absent');
    c.observe(server, 'ADDED', cm('8', {}, true, 'u2'));
    expect(said(c)).toMatchObject({ metadata: { uid: 'u2' } });
  });
});

describe('isNewer', () => {
  it('compares resourceVersions as numbers, and calls a new uid or a non-numeric version newer', () => {
    expect(isNewer(cm('10'), cm('9'))).toBe(true);
    expect(isNewer(cm('9'), cm('10'))).toBe(false);
    expect(isNewer(cm('9'), cm('9'))).toBe(false);
    expect(isNewer(cm('1', {}, true, 'u2'), cm('9'))).toBe(true);
    expect(isNewer(cm('b'), cm('a'))).toBe(true);
  });
});
