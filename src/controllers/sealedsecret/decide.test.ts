import { describe, expect, it } from 'vitest';
import type { SecretObject } from '../../api/bitnami/types.js';
import { secretAction } from './decide.js';

const owner = {
  apiVersion: 'bitnami.com/v1alpha1',
  kind: 'SealedSecret',
  name: 'db',
  uid: 'ss-1',
  controller: true,
};

function desired(): SecretObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'db',
      namespace: 'app',
      labels: { a: '1' },
      annotations: { n: 'x' },
      ownerReferences: [owner],
    },
    type: 'Opaque',
    data: { password: 'aHVudGVyMg==' },
  };
}

function live(
  patch: Partial<SecretObject['metadata']> = {},
  data: Record<string, string> = { password: 'aHVudGVyMg==' },
): SecretObject {
  const d = desired();
  return { ...d, metadata: { ...d.metadata, resourceVersion: '7', uid: 's-1', ...patch }, data };
}

describe('secretAction', () => {
  it.each([
    ['no Secret yet', undefined, 'create'],
    ['ours and equal', live(), 'unchanged'],
    ['ours, value changed', live({}, { password: 'b2xk' }), 'update'],
    ['ours, extra key', live({}, { password: 'aHVudGVyMg==', stale: 'eA==' }), 'update'],
    ['ours, label drifted', live({ labels: { a: '2' } }), 'update'],
    ['someone else’s', live({ ownerReferences: [] }), 'unmanaged'],
    [
      'owned by another SealedSecret uid',
      live({ ownerReferences: [{ ...owner, uid: 'other' }] }),
      'unmanaged',
    ],
    [
      'someone else’s, annotated managed',
      live({ ownerReferences: [], annotations: { 'sealedsecrets.bitnami.com/managed': 'true' } }),
      'update',
    ],
    [
      'someone else’s, annotated patch',
      live(
        { ownerReferences: [], annotations: { 'sealedsecrets.bitnami.com/patch': 'true' } },
        { other: 'eA==' },
      ),
      'update',
    ],
  ] as const)('%s → %s', (_what, current, kind) => {
    expect(secretAction(current, desired(), 'ss-1').kind).toBe(kind);
  });

  it('takes over a managed Secret: owner, data, labels and annotations replaced, metadata kept', () => {
    const current = live(
      {
        ownerReferences: [],
        annotations: { 'sealedsecrets.bitnami.com/managed': 'true' },
        labels: { old: 'x' },
      },
      { old: 'eA==' },
    );
    const action = secretAction(current, desired(), 'ss-1');
    expect(action).toMatchObject({
      kind: 'update',
      secret: {
        metadata: {
          resourceVersion: '7',
          uid: 's-1',
          labels: { a: '1' },
          annotations: { n: 'x' },
          ownerReferences: [owner],
        },
        data: { password: 'aHVudGVyMg==' },
      },
    });
  });

  it('merges into a patch-annotated Secret without taking it over', () => {
    const annotations = { 'sealedsecrets.bitnami.com/patch': 'true' };
    const action = secretAction(
      live({ ownerReferences: [], annotations }, { other: 'eA==' }),
      desired(),
      'ss-1',
    );
    expect(action).toMatchObject({
      kind: 'update',
      secret: {
        metadata: { annotations: { ...annotations, n: 'x' }, ownerReferences: [] },
        data: { other: 'eA==', password: 'aHVudGVyMg==' },
      },
    });
  });

  it('says which Secret it will not touch', () => {
    expect(secretAction(live({ ownerReferences: [] }), desired(), 'ss-1')).toEqual({
      kind: 'unmanaged',
      message: 'Resource "db" already exists and is not managed by SealedSecret',
    });
  });
});
