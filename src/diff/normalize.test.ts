import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/object.js';
import { normalize } from './normalize.js';
import { asLive, b64, deployment, secret } from './testutil.js';

describe('normalize', () => {
  it('strips server-owned fields and keeps the rest', () => {
    const live = asLive(deployment(), [{ manager: 'kube-controller-manager', operation: 'Update' }]);
    live.metadata.selfLink = '/apis/apps/v1/namespaces/default/deployments/guestbook';
    live.metadata.deletionTimestamp = '2025-01-02T00:00:00Z';
    live.metadata.deletionGracePeriodSeconds = 30;
    live.metadata.finalizers = ['example.com/cleanup'];
    live.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u1' }];
    live.metadata.annotations = {
      'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Deployment"}',
      'argocd.argoproj.io/tracking-id': 'guestbook:apps/Deployment:default/guestbook',
    };
    expect(normalize(live)).toEqual({
      ...deployment(),
      metadata: {
        name: 'guestbook',
        namespace: 'default',
        finalizers: ['example.com/cleanup'],
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u1' }],
        annotations: { 'argocd.argoproj.io/tracking-id': 'guestbook:apps/Deployment:default/guestbook' },
      },
    });
  });

  it('does not change its input', () => {
    const live = asLive(deployment());
    const before = JSON.stringify(live);
    normalize(live);
    expect(JSON.stringify(live)).toBe(before);
  });

  it.each<[string, KubeObject, KubeObject]>([
    [
      'empty annotations and labels are dropped',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: {}, labels: {} } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
    ],
    [
      'annotations emptied by the last-applied removal are dropped',
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
      },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
    ],
    [
      'status is stripped for every kind, CRDs included',
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'x' },
        status: {},
      },
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' } },
    ],
    [
      'Secret stringData is folded into base64 data',
      secret({ data: { a: b64('one') }, stringData: { b: 'two' } }),
      secret({ data: { a: b64('one'), b: b64('two') } }),
    ],
    [
      'undefined members count as missing',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: undefined }, data: undefined },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
    ],
  ])('%s', (_name, input, expected) => {
    expect(normalize(input)).toEqual(expected);
  });

  it('turns null Secret values into ""', () => {
    const obj = { ...secret({}), data: { a: null } } as unknown as KubeObject;
    expect(normalize(obj).data).toEqual({ a: '' });
  });
});
