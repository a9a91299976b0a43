import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { loadFixture, makeObject } from './testdata/load.js';

const app = (health?: Record<string, string>) =>
  makeObject('argoproj.io/v1alpha1', 'Application', health ? { status: { health } } : {});

describe('Argo CD Application health', () => {
  it('reports the health the Application recorded', () => {
    expect(resourceHealth(loadFixture('application-degraded'))).toEqual({
      status: 'Degraded',
      message: 'Deployment "guestbook-ui" exceeded its progress deadline',
    });
  });

  it.each([
    ['healthy', app({ status: 'Healthy' }), 'Healthy'],
    ['suspended', app({ status: 'Suspended' }), 'Suspended'],
    ['missing', app({ status: 'Missing' }), 'Missing'],
    ['no status yet', app(), 'Progressing'],
    ['an unrecognised status', app({ status: 'Sideways' }), 'Unknown'],
  ])('%s is %s', (_name, obj, status) => {
    expect(resourceHealth(obj)?.status).toBe(status);
  });
});

describe('ApplicationSet health', () => {
  const appSet = (...conditions: Array<Record<string, string>>) =>
    makeObject('argoproj.io/v1alpha1', 'ApplicationSet', { status: { conditions } });

  it.each([
    ['an error', appSet({ type: 'ErrorOccurred', status: 'True', message: 'bad generator' }), 'Degraded'],
    ['resources out of date', appSet({ type: 'ResourcesUpToDate', status: 'False' }), 'Degraded'],
    [
      'a progressive rollout',
      appSet({ type: 'RolloutProgressing', status: 'True' }, { type: 'ResourcesUpToDate', status: 'True' }),
      'Progressing',
    ],
    [
      'up to date',
      appSet({ type: 'ErrorOccurred', status: 'False' }, { type: 'ResourcesUpToDate', status: 'True' }),
      'Healthy',
    ],
    ['no conditions', appSet(), 'Progressing'],
  ])('%s is %s', (_name, obj, status) => {
    expect(resourceHealth(obj)?.status).toBe(status);
  });
});

describe('Workflow health', () => {
  it.each([
    ['', 'Progressing'],
    ['Running', 'Progressing'],
    ['Succeeded', 'Healthy'],
    ['Failed', 'Degraded'],
    ['Error', 'Degraded'],
    ['Weird', 'Unknown'],
  ])('phase %j is %s', (phase, status) => {
    const obj = makeObject('argoproj.io/v1alpha1', 'Workflow', { status: { phase, message: 'm' } });
    expect(resourceHealth(obj)).toEqual({ status, message: 'm' });
  });
});
