import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { makeObject } from './testdata/load.js';

const rs = (status: Record<string, unknown>, generation = 1) =>
  makeObject('apps/v1', 'ReplicaSet', { spec: { replicas: 2 }, status }, { generation });

describe('ReplicaSet health', () => {
  it.each([
    ['all available', rs({ observedGeneration: 1, availableReplicas: 2 }), { status: 'Healthy' }],
    [
      'some unavailable',
      rs({ observedGeneration: 1, availableReplicas: 1 }),
      {
        status: 'Progressing',
        message: 'Waiting for rollout to finish: 1 out of 2 new replicas are available...',
      },
    ],
    [
      'replica failure',
      rs({
        observedGeneration: 1,
        conditions: [
          {
            type: 'ReplicaFailure',
            status: 'True',
            reason: 'FailedCreate',
            message: 'pods "web-" is forbidden',
          },
        ],
      }),
      { status: 'Degraded', message: 'pods "web-" is forbidden' },
    ],
    [
      'spec not yet observed',
      rs({ observedGeneration: 1, availableReplicas: 2 }, 2),
      {
        status: 'Progressing',
        message:
          'Waiting for rollout to finish: observed replica set generation less than desired generation',
      },
    ],
  ])('%s', (_name, obj, expected) => {
    expect(resourceHealth(obj)).toEqual(expected);
  });
});
