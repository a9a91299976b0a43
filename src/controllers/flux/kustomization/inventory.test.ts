import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../kube/object.js';
import { displayName, entryOf, inventoryOf, refOfEntry, staleEntries } from './inventory.js';

const obj = (apiVersion: string, kind: string, name: string, namespace?: string): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
});

describe('inventory', () => {
  it('writes entries as Flux does: <namespace>_<name>_<group>_<kind> and the version', () => {
    expect(entryOf(obj('apps/v1', 'Deployment', 'web', 'shop'))).toEqual({
      id: 'shop_web_apps_Deployment',
      v: 'v1',
    });
    expect(entryOf(obj('v1', 'Namespace', 'shop'))).toEqual({ id: '_shop__Namespace', v: 'v1' });
    expect(
      inventoryOf([obj('v1', 'Service', 'b', 'x'), obj('v1', 'ConfigMap', 'a', 'x')]).map((e) => e.id),
    ).toEqual(['x_a__ConfigMap', 'x_b__Service']);
  });

  it('reads entries back into object references', () => {
    expect(refOfEntry({ id: 'shop_web_apps_Deployment', v: 'v1' })).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      group: 'apps',
      namespace: 'shop',
      name: 'web',
    });
    expect(refOfEntry({ id: '_shop__Namespace', v: 'v1' })).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      group: '',
      name: 'shop',
    });
    expect(displayName(refOfEntry({ id: 'shop_web_apps_Deployment', v: 'v1' }))).toBe('Deployment/shop/web');
  });

  it('stale = in the previous inventory, gone from the new one; a version change is not a removal', () => {
    const previous = [
      { id: 'x_a__ConfigMap', v: 'v1' },
      { id: 'x_web_autoscaling_HorizontalPodAutoscaler', v: 'v1' },
      { id: 'x_gone__Service', v: 'v1' },
    ];
    const next = [
      { id: 'x_a__ConfigMap', v: 'v1' },
      { id: 'x_web_autoscaling_HorizontalPodAutoscaler', v: 'v2' },
    ];
    expect(staleEntries(previous, next)).toEqual([{ id: 'x_gone__Service', v: 'v1' }]);
    expect(staleEntries([], next)).toEqual([]);
  });
});
