import { describe, expect, it } from 'vitest';
import type { Kustomization } from '../../../api/flux/index.js';
import type { KubeObject } from '../../../kube/object.js';
import { healthTargets } from './health.js';

const ks = (spec: Partial<Kustomization['spec']>): Kustomization => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name: 'apps', namespace: 'flux-system' },
  spec: { interval: '1m', prune: true, sourceRef: { kind: 'GitRepository', name: 'repo' }, ...spec },
});

const applied: KubeObject[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' } },
];

describe('healthTargets', () => {
  it('wait: true checks every applied object', () => {
    expect(healthTargets(ks({ wait: true }), applied)).toEqual(applied);
  });

  it('healthChecks name objects; apiVersion comes from the applied one when left out', () => {
    const targets = healthTargets(
      ks({
        healthChecks: [
          { kind: 'Deployment', name: 'web', namespace: 'shop' },
          { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'db' },
        ],
      }),
      applied,
    );
    expect(targets).toEqual([
      applied[0],
      {
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        metadata: { name: 'db', namespace: 'flux-system' },
      },
    ]);
  });

  it('nothing to check without wait and healthChecks', () => {
    expect(healthTargets(ks({}), applied)).toEqual([]);
  });
});
