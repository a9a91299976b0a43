import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { makeObject } from './testdata/load.js';

const crd = (...conditions: Array<Record<string, string>>) =>
  makeObject('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { status: { conditions } });

describe('CustomResourceDefinition health', () => {
  it.each([
    [
      'established',
      crd({ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'True' }),
      { status: 'Healthy', message: 'CRD is healthy' },
    ],
    ['no conditions', crd(), { status: 'Progressing', message: 'Status conditions not found' }],
    [
      'not established',
      crd({ type: 'Established', status: 'False', message: 'not all names are accepted' }),
      { status: 'Degraded', message: 'CRD is not established: not all names are accepted' },
    ],
    [
      'names not accepted',
      crd(
        { type: 'NamesAccepted', status: 'False', message: '"widgets" is already in use' },
        { type: 'Established', status: 'False' },
      ),
      { status: 'Degraded', message: 'CRD names have not been accepted: "widgets" is already in use' },
    ],
    [
      'terminating',
      crd(
        { type: 'Established', status: 'True' },
        { type: 'Terminating', status: 'True', message: 'deleting instances' },
      ),
      { status: 'Progressing', message: 'CRD is being terminated: deleting instances' },
    ],
    [
      'a non-structural schema',
      crd(
        { type: 'Established', status: 'True' },
        { type: 'NonStructuralSchema', status: 'True', message: 'spec.x: type missing' },
      ),
      { status: 'Degraded', message: 'Schema violations found: spec.x: type missing' },
    ],
  ])('%s', (_name, obj, expected) => {
    expect(resourceHealth(obj)).toEqual(expected);
  });
});
