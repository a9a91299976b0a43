import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { makeObject } from './testdata/load.js';

const ds = (status: Record<string, unknown>, strategy = 'RollingUpdate', generation = 1) =>
  makeObject(
    'apps/v1',
    'DaemonSet',
    { spec: { updateStrategy: { type: strategy } }, status },
    { name: 'agent', generation },
  );

describe('DaemonSet health', () => {
  it.each([
    [
      'all pods updated and available',
      ds({ observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 }),
      { status: 'Healthy' },
    ],
    [
      'pods still updating',
      ds({ observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 1, numberAvailable: 3 }),
      {
        status: 'Progressing',
        message: 'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...',
      },
    ],
    [
      'updated pods not available',
      ds({ observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 }),
      {
        status: 'Progressing',
        message: 'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...',
      },
    ],
    [
      'OnDelete is healthy whatever is updated',
      ds({ observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 1 }, 'OnDelete'),
      { status: 'Healthy', message: 'daemon set 1 out of 3 new pods have been updated' },
    ],
    [
      'spec not yet observed',
      ds({ observedGeneration: 1 }, 'RollingUpdate', 2),
      {
        status: 'Progressing',
        message: 'Waiting for rollout to finish: observed daemon set generation less than desired generation',
      },
    ],
  ])('%s', (_name, obj, expected) => {
    expect(resourceHealth(obj)).toEqual(expected);
  });
});
