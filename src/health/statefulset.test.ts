import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { loadFixture, makeObject } from './testdata/load.js';

describe('StatefulSet health', () => {
  it.each([
    ['statefulset-healthy', 'Healthy', 'statefulset rolling update complete 3 pods at revision db-5f7d...'],
    [
      'statefulset-rolling',
      'Progressing',
      'waiting for statefulset rolling update to complete 1 pods at revision db-6a8e...',
    ],
    [
      'statefulset-partitioned-progressing',
      'Progressing',
      'Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...',
    ],
    [
      'statefulset-partitioned-complete',
      'Healthy',
      'partitioned roll out complete: 3 new pods have been updated...',
    ],
  ])('%s is %s', (fixture, status, message) => {
    expect(resourceHealth(loadFixture(fixture))).toEqual({ status, message });
  });

  const sts = (spec: Record<string, unknown>, status: Record<string, unknown>, generation = 1) =>
    makeObject('apps/v1', 'StatefulSet', { spec, status }, { generation });

  it.each([
    [
      'never observed',
      sts({ replicas: 1 }, {}),
      'Progressing',
      'Waiting for statefulset spec update to be observed...',
    ],
    [
      'a newer generation',
      sts({ replicas: 1 }, { observedGeneration: 1 }, 2),
      'Progressing',
      'Waiting for statefulset spec update to be observed...',
    ],
    [
      'pods not ready',
      sts({ replicas: 3 }, { observedGeneration: 1, readyReplicas: 1 }),
      'Progressing',
      'Waiting for 2 pods to be ready...',
    ],
    [
      'OnDelete',
      sts({ replicas: 2, updateStrategy: { type: 'OnDelete' } }, { observedGeneration: 1, readyReplicas: 2 }),
      'Healthy',
      'statefulset has 2 ready pods',
    ],
  ])('%s', (_name, obj, status, message) => {
    expect(resourceHealth(obj)).toEqual({ status, message });
  });
});
