import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { makeObject } from './testdata/load.js';

const custom = (conditions: unknown[], extra: Record<string, unknown> = {}, generation?: number) =>
  makeObject(
    'cert-manager.io/v1',
    'Certificate',
    { status: { conditions, ...extra } },
    generation === undefined ? {} : { generation },
  );

describe('generic conditions health', () => {
  it.each([
    [
      'Ready=True',
      custom([{ type: 'Ready', status: 'True', message: 'Certificate is up to date' }]),
      { status: 'Healthy', message: 'Certificate is up to date' },
    ],
    [
      'Ready=False',
      custom([{ type: 'Ready', status: 'False', reason: 'DoesNotExist' }]),
      { status: 'Degraded', message: 'DoesNotExist' },
    ],
    ['Ready=Unknown', custom([{ type: 'Ready', status: 'Unknown' }]), { status: 'Progressing' }],
    [
      'Stalled=True wins over Ready',
      custom([
        { type: 'Ready', status: 'True' },
        { type: 'Stalled', status: 'True', message: 'gave up' },
      ]),
      { status: 'Degraded', message: 'gave up' },
    ],
    [
      'Reconciling=True',
      custom([
        { type: 'Reconciling', status: 'True', reason: 'Issuing' },
        { type: 'Ready', status: 'False' },
      ]),
      { status: 'Progressing', message: 'Issuing' },
    ],
    [
      'an unobserved generation',
      custom([{ type: 'Ready', status: 'True' }], { observedGeneration: 2 }, 3),
      { status: 'Progressing', message: 'Waiting for the controller to observe generation 3' },
    ],
  ])('%s', (_name, obj, expected) => {
    expect(resourceHealth(obj)).toEqual(expected);
  });

  it.each([
    ['a ConfigMap', makeObject('v1', 'ConfigMap', { data: { a: 'b' } })],
    ['a Secret', makeObject('v1', 'Secret', { data: {} })],
    [
      'a custom resource without conditions',
      makeObject('example.com/v1', 'Widget', { status: { phase: 'Ok' } }),
    ],
    ['a custom resource with unrelated conditions', custom([{ type: 'Issuing', status: 'True' }])],
    ['a Ready condition with an odd status', custom([{ type: 'Ready', status: 'Maybe' }])],
  ])('%s has no health', (_name, obj) => {
    expect(resourceHealth(obj)).toBeUndefined();
  });
});
