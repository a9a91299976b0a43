import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { makeObject } from './testdata/load.js';

const cronJob = (status: Record<string, unknown> | undefined, suspend = false) =>
  makeObject('batch/v1', 'CronJob', {
    spec: { schedule: '*/5 * * * *', suspend },
    ...(status ? { status } : {}),
  });

describe('CronJob health', () => {
  it.each([
    ['suspended', cronJob({}, true), 'Suspended', 'CronJob is suspended'],
    [
      'running a job',
      cronJob({ active: [{ name: 'job-1' }], lastScheduleTime: '2024-05-01T10:00:00Z' }),
      'Progressing',
      'CronJob has active jobs',
    ],
    ['never scheduled', cronJob({}), 'Healthy', 'CronJob has never run'],
    ['without any status', cronJob(undefined), 'Healthy', 'CronJob has never run'],
    [
      'last run succeeded',
      cronJob({ lastScheduleTime: '2024-05-01T10:00:00Z', lastSuccessfulTime: '2024-05-01T10:00:42Z' }),
      'Healthy',
      'CronJob has run successfully',
    ],
    [
      'last run failed',
      cronJob({ lastScheduleTime: '2024-05-01T10:05:00Z', lastSuccessfulTime: '2024-05-01T10:00:42Z' }),
      'Degraded',
      'CronJob has not run successfully',
    ],
    [
      'never succeeded',
      cronJob({ lastScheduleTime: '2024-05-01T10:05:00Z' }),
      'Degraded',
      'CronJob has not run successfully',
    ],
  ])('%s is %s', (_name, obj, status, message) => {
    expect(resourceHealth(obj)).toEqual({ status, message });
  });

  it('is Unknown when a timestamp cannot be read', () => {
    const health = resourceHealth(cronJob({ lastScheduleTime: 'yesterday' }));
    expect(health).toEqual({
      status: 'Unknown',
      message: 'CronJob status.lastScheduleTime is not a timestamp: yesterday',
    });
  });
});
