import { describe, expect, it } from 'vitest';
import type { Kustomization } from '../../../api/flux/index.js';
import { dependsOn } from './dependencies.js';

const ks = (deps: Array<{ name: string; namespace?: string }>): Kustomization => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name: 'apps', namespace: 'flux-system' },
  spec: { interval: '1m', prune: true, sourceRef: { kind: 'GitRepository', name: 'repo' }, dependsOn: deps },
});

describe('dependsOn', () => {
  it('matches by name, the namespace defaulting to the dependent one', () => {
    expect(dependsOn(ks([{ name: 'infra' }]), 'flux-system', 'infra')).toBe(true);
    expect(dependsOn(ks([{ name: 'infra' }]), 'other', 'infra')).toBe(false);
    expect(dependsOn(ks([{ name: 'infra', namespace: 'other' }]), 'other', 'infra')).toBe(true);
    expect(dependsOn(ks([]), 'flux-system', 'infra')).toBe(false);
  });
});
