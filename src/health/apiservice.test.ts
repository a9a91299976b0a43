import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { makeObject } from './testdata/load.js';

const apiService = (conditions?: unknown[]) =>
  makeObject('apiregistration.k8s.io/v1', 'APIService', conditions ? { status: { conditions } } : {});

describe('APIService health', () => {
  it.each([
    [
      'available',
      apiService([{ type: 'Available', status: 'True', reason: 'Passed', message: 'all checks passed' }]),
      { status: 'Healthy', message: 'Passed: all checks passed' },
    ],
    [
      'unavailable',
      apiService([
        {
          type: 'Available',
          status: 'False',
          reason: 'MissingEndpoints',
          message: 'endpoints for service/metrics-server have no addresses',
        },
      ]),
      {
        status: 'Progressing',
        message: 'MissingEndpoints: endpoints for service/metrics-server have no addresses',
      },
    ],
    ['not processed', apiService(), { status: 'Progressing', message: 'Waiting to be processed' }],
  ])('%s', (_name, obj, expected) => {
    expect(resourceHealth(obj)).toEqual(expected);
  });
});
