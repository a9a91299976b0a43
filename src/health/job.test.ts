import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { loadFixture, makeObject } from './testdata/load.js';

describe('Job health', () => {
  it.each([
    ['job-running', { status: 'Progressing' }],
    ['job-failed', { status: 'Degraded', message: 'Job has reached the specified backoff limit' }],
    ['job-complete', { status: 'Healthy', message: 'Reached expected number of succeeded pods' }],
  ])('%s', (fixture, expected) => {
    expect(resourceHealth(loadFixture(fixture))).toEqual(expected);
  });

  const job = (...conditions: Array<Record<string, string>>) =>
    makeObject('batch/v1', 'Job', { status: { conditions } });

  it.each([
    ['suspended', job({ type: 'Suspended', status: 'True', message: 'Job suspended' }), 'Suspended'],
    [
      'resumed after a suspension',
      job({ type: 'Suspended', status: 'False', reason: 'JobResumed' }),
      'Progressing',
    ],
    [
      'failed wins over complete',
      job({ type: 'Complete', status: 'True' }, { type: 'Failed', status: 'True', message: 'x' }),
      'Degraded',
    ],
  ])('%s is %s', (_name, obj, status) => {
    expect(resourceHealth(obj)?.status).toBe(status);
  });
});
