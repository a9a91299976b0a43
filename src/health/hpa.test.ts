import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { loadFixture, makeObject } from './testdata/load.js';

type Cond = { type: string; status: string; reason?: string; message?: string };

const v2 = (...conditions: Cond[]) =>
  makeObject('autoscaling/v2', 'HorizontalPodAutoscaler', { status: { conditions } });
const v1 = (conditions?: string) =>
  makeObject(
    'autoscaling/v1',
    'HorizontalPodAutoscaler',
    {},
    conditions === undefined
      ? {}
      : { annotations: { 'autoscaling.alpha.kubernetes.io/conditions': conditions } },
  );

describe('HorizontalPodAutoscaler health', () => {
  it.each([
    ['hpa-healthy', { status: 'Healthy', message: 'recommended size matches current size' }],
    [
      'hpa-degraded',
      {
        status: 'Degraded',
        message: 'the HPA was unable to compute the replica count: failed to get memory utilization',
      },
    ],
  ])('%s', (fixture, expected) => {
    expect(resourceHealth(loadFixture(fixture))).toEqual(expected);
  });

  it.each([
    ['no conditions yet', v2(), 'Progressing'],
    ['scaling limited', v2({ type: 'ScalingLimited', status: 'True', reason: 'TooFewReplicas' }), 'Healthy'],
    [
      'cannot get the scale',
      v2({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale' }),
      'Degraded',
    ],
    [
      'an external metric is missing',
      v2({ type: 'ScalingActive', status: 'False', reason: 'FailedGetExternalMetric' }),
      'Degraded',
    ],
    [
      'scaling disabled, nothing else',
      v2({ type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled' }),
      'Progressing',
    ],
    ['v1 without the annotation', v1(), 'Progressing'],
    ['v1 with no conditions', v1('[]'), 'Progressing'],
    [
      'v1 able to scale',
      v1('[{"type":"AbleToScale","status":"True","reason":"SucceededRescale"}]'),
      'Healthy',
    ],
    [
      'v1 invalid selector',
      v1('[{"type":"ScalingActive","status":"False","reason":"InvalidSelector"}]'),
      'Degraded',
    ],
  ])('%s is %s', (_name, obj, status) => {
    expect(resourceHealth(obj)?.status).toBe(status);
  });

  it('is Unknown when the v1 conditions annotation is not JSON', () => {
    const health = resourceHealth(v1('{not json'));
    expect(health?.status).toBe('Unknown');
    expect(health?.message).toMatch(
      /^failed to read the autoscaling.alpha.kubernetes.io\/conditions annotation: /,
    );
  });
});
