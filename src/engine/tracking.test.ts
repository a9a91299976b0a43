import { describe, expect, it } from 'vitest';
import { appInstanceName, trackedBy, trackingId, withTracking } from './tracking.js';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
};
const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };

describe('tracking ids', () => {
  it('writes Argo CD’s format', () => {
    expect(trackingId('my-app', deployment)).toBe('my-app:apps/Deployment:shop/web');
    expect(trackingId('my-app', namespace)).toBe('my-app:/Namespace:/shop');
  });

  it('annotates without losing other annotations, and reads the owner back', () => {
    const obj = withTracking('my-app', {
      ...deployment,
      metadata: { ...deployment.metadata, annotations: { a: 'b' } },
    });
    expect(obj.metadata.annotations).toEqual({
      a: 'b',
      'argocd.argoproj.io/tracking-id': 'my-app:apps/Deployment:shop/web',
    });
    expect(trackedBy(obj)).toBe('my-app');
    expect(trackedBy(deployment)).toBeUndefined();
  });

  it('prefixes apps outside the control plane namespace', () => {
    expect(appInstanceName('web', 'argocd', 'argocd')).toBe('web');
    expect(appInstanceName('web', 'team-a', 'argocd')).toBe('team-a_web');
  });
});
