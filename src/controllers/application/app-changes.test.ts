import { describe, expect, it } from 'vitest';
import { AppChanges } from './app-changes.js';
import type { KubeObject } from '../../kube/object.js';

const app: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'a', namespace: 'argocd', resourceVersion: '1', generation: 1 },
  spec: { project: 'default' },
  status: { sync: { status: 'OutOfSync' } },
};

describe('AppChanges', () => {
  it('calls a status-only write no change, and anything else a change', () => {
    const changes = new AppChanges();
    expect(changes.seen(app)).toBe(true);
    const statusOnly = {
      ...app,
      metadata: { ...app.metadata, resourceVersion: '2', generation: 2 },
      status: { sync: { status: 'Synced' } },
    };
    expect(changes.seen(statusOnly)).toBe(false);
    expect(changes.seen({ ...statusOnly, operation: { sync: {} } })).toBe(true);
    expect(
      changes.seen({
        ...statusOnly,
        operation: { sync: {} },
        metadata: { ...statusOnly.metadata, annotations: { 'argocd.argoproj.io/refresh': 'normal' } },
      }),
    ).toBe(true);
    changes.forget('a');
    expect(changes.seen(statusOnly)).toBe(true);
  });
});
