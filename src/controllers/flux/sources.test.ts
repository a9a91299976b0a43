import { describe, expect, it } from 'vitest';
import { gitRevision, gitTarget } from './gitrepository.js';
import { needsReconcile, withJitter } from './kind-controller.js';
import { ociTarget } from './ocirepository.js';
import { SourceFetchError } from './source-reconcile.js';
import { sourceChanged } from './flux-controller.js';
import type { KubeObject } from '../../kube/object.js';

const tags = (list: string[]) => () => Promise.resolve(list);

describe('GitRepository refs (Flux precedence: commit, name, semver, tag, branch)', () => {
  it.each([
    [undefined, { revision: 'refs/heads/master', label: 'master' }],
    [{ branch: 'main' }, { revision: 'refs/heads/main', label: 'main' }],
    [
      { branch: 'main', tag: 'v1.0.0' },
      { revision: 'refs/tags/v1.0.0', label: 'v1.0.0' },
    ],
    [
      { tag: 'v1.0.0', semver: '>=1.1.0' },
      { revision: 'refs/tags/v1.2.0', label: 'v1.2.0' },
    ],
    [
      { name: 'refs/pull/1/head', tag: 'x' },
      { revision: 'refs/pull/1/head', label: 'refs/pull/1/head' },
    ],
    [
      { commit: 'abc1234', branch: 'main' },
      { revision: 'abc1234', label: 'main' },
    ],
  ])('%j', async (ref, target) => {
    expect(await gitTarget(ref, tags(['v1.0.0', 'v1.1.0', 'v1.2.0', 'latest']))).toEqual(target);
  });

  it('reports a semver range no tag satisfies, and a bad range as terminal', async () => {
    await expect(gitTarget({ semver: '>=2.0.0' }, tags(['v1.0.0']))).rejects.toThrow(
      "no tag matches semver range '>=2.0.0'",
    );
    await expect(gitTarget({ semver: 'nope' }, tags([]))).rejects.toMatchObject({ terminal: true });
  });

  it('writes revisions as Flux does', () => {
    const sha = 'a'.repeat(40);
    expect(gitRevision('main', sha)).toBe(`main@sha1:${sha}`);
    expect(gitRevision('', sha)).toBe(`sha1:${sha}`);
  });
});

describe('OCIRepository refs (digest, semver, tag, latest)', () => {
  it.each([
    [undefined, { reference: 'latest', tag: 'latest' }],
    [{ tag: '1.0.0' }, { reference: '1.0.0', tag: '1.0.0' }],
    [
      { tag: '1.0.0', semver: '~1.2.0' },
      { reference: '1.2.1', tag: '1.2.1' },
    ],
    [
      { semver: '>=1.0.0', semverFilter: '^1\\.2' },
      { reference: '1.2.1', tag: '1.2.1' },
    ],
    [{ digest: 'sha256:abc', tag: '1.0.0' }, { reference: 'sha256:abc' }],
  ])('%j', async (ref, target) => {
    expect(await ociTarget(ref, tags(['1.0.0', '1.2.0', '1.2.1', '1.3.0']))).toEqual(target);
  });

  it('reports no match', async () => {
    await expect(ociTarget({ semver: '~9.0.0' }, tags(['1.0.0']))).rejects.toBeInstanceOf(SourceFetchError);
  });
});

const obj = (generation: number, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'x/v1',
  kind: 'X',
  metadata: { name: 'a', namespace: 'n', generation, ...(extra.metadata ?? {}) },
  ...(extra.status ? { status: extra.status } : {}),
});

describe('what queues an object (Flux predicates)', () => {
  it('a new generation, a reconcile request, a deletion; not a status change', () => {
    expect(needsReconcile('ADDED', obj(1), undefined)).toBe(true);
    expect(needsReconcile('MODIFIED', obj(2), obj(1))).toBe(true);
    expect(needsReconcile('MODIFIED', obj(1, { status: { x: 1 } }), obj(1))).toBe(false);
    expect(
      needsReconcile(
        'MODIFIED',
        obj(1, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'now' } } }),
        obj(1),
      ),
    ).toBe(true);
    expect(needsReconcile('MODIFIED', obj(1, { metadata: { deletionTimestamp: 't' } }), obj(1))).toBe(true);
    expect(needsReconcile('DELETED', obj(1), obj(1))).toBe(false);
  });

  it('a source changed when its artifact revision or Ready changed', () => {
    const withStatus = (revision: string, ready: string): KubeObject =>
      obj(1, {
        status: { artifact: { revision }, conditions: [{ type: 'Ready', status: ready, message: '' }] },
      });
    expect(sourceChanged(withStatus('1.2.1', 'True'), withStatus('1.2.0', 'True'))).toBe(true);
    expect(sourceChanged(withStatus('1.2.0', 'False'), withStatus('1.2.0', 'True'))).toBe(true);
    expect(sourceChanged(withStatus('1.2.0', 'True'), withStatus('1.2.0', 'True'))).toBe(false);
  });

  it('adds up to 10 % jitter', () => {
    expect(withJitter(1000, () => 0)).toBe(1000);
    expect(withJitter(1000, () => 0.999)).toBeLessThanOrEqual(1100);
  });
});
