import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { makeObject } from './testdata/load.js';

describe('PersistentVolumeClaim health', () => {
  it.each([
    ['Bound', { status: 'Healthy' }],
    ['Pending', { status: 'Progressing', message: 'PersistentVolumeClaim is Pending' }],
    ['Lost', { status: 'Degraded', message: 'PersistentVolumeClaim is Lost' }],
    ['Resizing', { status: 'Unknown', message: 'PersistentVolumeClaim is Resizing' }],
    ['', { status: 'Unknown', message: 'PersistentVolumeClaim has no phase yet' }],
    ['constructor', { status: 'Unknown', message: 'PersistentVolumeClaim is constructor' }],
  ])('phase %j', (phase, expected) => {
    expect(resourceHealth(makeObject('v1', 'PersistentVolumeClaim', { status: { phase } }))).toEqual(
      expected,
    );
  });
});
