import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { loadFixture, makeObject } from './testdata/load.js';

const flux = (kind: string, fields: Record<string, unknown>, generation = 1) =>
  makeObject(`${kind === 'HelmRelease' ? 'helm' : 'source'}.toolkit.fluxcd.io/v1`, kind, fields, {
    generation,
  });

describe('Flux health', () => {
  it.each([
    ['kustomization-ready', { status: 'Healthy', message: 'Applied revision: main@sha1:4f2c' }],
    ['helmrelease-failed', { status: 'Degraded', message: 'Failed to install after 1 attempt(s)' }],
  ])('%s', (fixture, expected) => {
    expect(resourceHealth(loadFixture(fixture))).toEqual(expected);
  });

  it.each([
    [
      'suspended',
      flux('GitRepository', { spec: { suspend: true } }),
      'Suspended',
      'GitRepository is suspended',
    ],
    [
      'not reconciled yet',
      flux('GitRepository', { spec: {} }),
      'Progressing',
      'Waiting for the controller to report readiness',
    ],
    [
      'reconciling',
      flux('HelmRelease', {
        status: {
          observedGeneration: 1,
          conditions: [
            { type: 'Reconciling', status: 'True', reason: 'Progressing', message: 'Running upgrade' },
            { type: 'Ready', status: 'Unknown', reason: 'Progressing' },
          ],
        },
      }),
      'Progressing',
      'Running upgrade',
    ],
    [
      'ready for an older generation',
      flux(
        'GitRepository',
        {
          status: {
            observedGeneration: 1,
            conditions: [{ type: 'Ready', status: 'True', reason: 'Succeeded' }],
          },
        },
        2,
      ),
      'Progressing',
      'Waiting for the controller to observe generation 2',
    ],
    [
      'not ready',
      flux('GitRepository', {
        status: {
          observedGeneration: 1,
          conditions: [{ type: 'Ready', status: 'False', reason: 'GitOperationFailed' }],
        },
      }),
      'Degraded',
      'GitOperationFailed',
    ],
  ])('%s is %s', (_name, obj, status, message) => {
    expect(resourceHealth(obj)).toEqual({ status, message });
  });

  it('covers every toolkit group, including ones Ferry has not heard of', () => {
    const obj = makeObject('future.toolkit.fluxcd.io/v1', 'Thing', { spec: { suspend: true } });
    expect(resourceHealth(obj)?.status).toBe('Suspended');
  });
});
