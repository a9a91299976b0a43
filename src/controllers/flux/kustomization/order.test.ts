import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../kube/object.js';
import { applyStages, pruneOrder } from './order.js';

const o = (kind: string, name = kind.toLowerCase()): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name },
});

describe('apply order', () => {
  it('applies CRDs, Namespaces and ClusterRoles first, class objects next, then the rest in kind order', () => {
    const stages = applyStages([
      o('Deployment'),
      o('Widget'),
      o('StorageClass'),
      o('Service'),
      o('CustomResourceDefinition'),
      o('ConfigMap'),
      o('Namespace'),
    ]);
    expect(stages.map((s) => s.map((x) => x.kind))).toEqual([
      ['Namespace', 'CustomResourceDefinition'],
      ['StorageClass'],
      ['ConfigMap', 'Service', 'Deployment', 'Widget'],
    ]);
  });

  it('prunes in reverse: workloads before their Namespace, CRDs last', () => {
    const kinds = pruneOrder([
      { kind: 'Namespace' },
      { kind: 'CustomResourceDefinition' },
      { kind: 'Deployment' },
      { kind: 'ConfigMap' },
    ]);
    expect(kinds.map((k) => k.kind)).toEqual([
      'Deployment',
      'ConfigMap',
      'CustomResourceDefinition',
      'Namespace',
    ]);
  });
});
