import { describe, expect, it } from 'vitest';
import { DryRunCache, dryRunFingerprint } from './dry-run-cache.js';
import type { KubeObject } from '../kube/object.js';

const desired: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'ns', labels: { app: 'web' } },
  spec: { replicas: 2 },
};

function live(patch: Partial<KubeObject> & { meta?: Partial<KubeObject['metadata']> } = {}): KubeObject {
  const { meta, ...rest } = patch;
  return {
    ...desired,
    metadata: {
      ...desired.metadata,
      uid: 'u1',
      resourceVersion: '10',
      generation: 1,
      managedFields: [
        { manager: 'ferry', operation: 'Apply', fieldsV1: { 'f:spec': {} }, time: 't1' },
        {
          manager: 'kcm',
          operation: 'Update',
          subresource: 'status',
          fieldsV1: { 'f:status': {} },
          time: 't1',
        },
      ],
      ...meta,
    },
    status: { replicas: 0 },
    ...rest,
  };
}

describe('dryRunFingerprint', () => {
  const base = dryRunFingerprint(desired, live());

  it("ignores what a rollout changes: status, resourceVersion, and subresources' managedFields", () => {
    const rolled = live({
      status: { replicas: 2, availableReplicas: 2 },
      meta: {
        resourceVersion: '14',
        managedFields: [
          { manager: 'ferry', operation: 'Apply', fieldsV1: { 'f:spec': {} }, time: 't1' },
          {
            manager: 'kcm',
            operation: 'Update',
            subresource: 'status',
            fieldsV1: { 'f:status': {} },
            time: 't9',
          },
        ],
      },
    });
    expect(dryRunFingerprint(desired, rolled)).toBe(base);
  });

  it('changes with an edit of spec, labels, annotations, data, a new uid, or another field manager', () => {
    const edits: KubeObject[] = [
      live({ spec: { replicas: 5 } }),
      live({ meta: { labels: { app: 'web', extra: 'x' } } }),
      live({ meta: { annotations: { note: 'x' } } }),
      live({ data: { key: 'v' } }),
      live({ meta: { uid: 'u2' } }),
      live({
        meta: {
          managedFields: [
            { manager: 'ferry', operation: 'Apply', fieldsV1: { 'f:spec': {} }, time: 't1' },
            { manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:spec': {} }, time: 't5' },
          ],
        },
      }),
    ];
    for (const edited of edits) expect(dryRunFingerprint(desired, edited)).not.toBe(base);
  });

  it('changes with the desired object', () => {
    expect(dryRunFingerprint({ ...desired, spec: { replicas: 3 } }, live())).not.toBe(base);
  });
});

describe('DryRunCache', () => {
  const predicted: KubeObject = { ...desired, metadata: { ...desired.metadata, uid: 'u1' } };

  it('answers while neither side changed, and misses after a change or the TTL', () => {
    let now = 0;
    const cache = new DryRunCache({ ttlMs: 1000, now: () => now });
    expect(cache.get('s', desired, live())).toBeUndefined();
    cache.set('s', desired, live(), predicted);
    expect(cache.get('s', desired, live({ status: { replicas: 2 } }))).toEqual(predicted);
    expect(cache.get('other', desired, live())).toBeUndefined();
    cache.set('s', desired, live(), { ...live(), spec: { replicas: 2, paused: false } });
    const kept = cache.get('s', desired, live());
    expect(kept?.spec).toEqual({ replicas: 2, paused: false });
    expect(kept?.status).toBeUndefined(); // left out of every diff, so not kept
    expect(kept?.metadata.managedFields).toBeUndefined();
    expect(cache.get('s', desired, live({ spec: { replicas: 9 } }))).toBeUndefined();
    now = 1000;
    expect(cache.get('s', desired, live())).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps one entry per object and drops the oldest past its size', () => {
    const cache = new DryRunCache({ maxEntries: 2 });
    const named = (name: string): KubeObject => ({ ...desired, metadata: { ...desired.metadata, name } });
    for (const name of ['a', 'b', 'a', 'c']) cache.set('s', named(name), live(), predicted);
    expect(cache.size).toBe(2);
    expect(cache.get('s', named('b'), live())).toBeUndefined();
  });
});
