import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { loadFixture, makeObject } from './testdata/load.js';

describe('Deployment health', () => {
  it.each([
    ['deployment-healthy', 'Healthy', undefined],
    [
      'deployment-progressing',
      'Progressing',
      'Waiting for rollout to finish: 1 out of 3 new replicas have been updated...',
    ],
    ['deployment-degraded-deadline', 'Degraded', 'Deployment "web" exceeded its progress deadline'],
    ['deployment-paused', 'Suspended', 'Deployment is paused'],
    [
      'deployment-unobserved',
      'Progressing',
      'Waiting for rollout to finish: observed deployment generation less than desired generation',
    ],
  ])('%s is %s', (fixture, status, message) => {
    expect(resourceHealth(loadFixture(fixture))).toEqual(message ? { status, message } : { status });
  });

  const deployment = (status: Record<string, unknown>, replicas = 2) =>
    makeObject('apps/v1', 'Deployment', { spec: { replicas }, status }, { generation: 1 });

  it.each([
    [
      'old replicas still terminating',
      deployment({ observedGeneration: 1, replicas: 3, updatedReplicas: 2, availableReplicas: 2 }),
      'Waiting for rollout to finish: 1 old replicas are pending termination...',
    ],
    [
      'updated replicas not yet available',
      deployment({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 1 }),
      'Waiting for rollout to finish: 1 of 2 updated replicas are available...',
    ],
    [
      'no status at all',
      deployment({}),
      'Waiting for rollout to finish: observed deployment generation less than desired generation',
    ],
  ])('%s is Progressing', (_name, obj, message) => {
    expect(resourceHealth(obj)).toEqual({ status: 'Progressing', message });
  });

  it('is Healthy with zero replicas', () => {
    expect(resourceHealth(deployment({ observedGeneration: 1 }, 0))?.status).toBe('Healthy');
  });

  it('applies to the legacy extensions group too', () => {
    const obj = makeObject('extensions/v1beta1', 'Deployment', { spec: { paused: true } });
    expect(resourceHealth(obj)?.status).toBe('Suspended');
  });
});
