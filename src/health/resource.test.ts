import { describe, expect, it } from 'vitest';
import { resourceHealth, type CustomHealthCheck } from './index.js';
import { loadFixture, makeObject } from './testdata/load.js';

describe('resourceHealth', () => {
  it('reports an object being deleted as Progressing, naming its finalizers', () => {
    const obj = makeObject(
      'v1',
      'ConfigMap',
      {},
      { deletionTimestamp: '2024-05-01T10:00:00Z', finalizers: ['example.com/cleanup'] },
    );
    expect(resourceHealth(obj)).toEqual({
      status: 'Progressing',
      message: 'Pending deletion; blocked by finalizers: example.com/cleanup',
    });
    delete obj.metadata.finalizers;
    expect(resourceHealth(obj)).toEqual({ status: 'Progressing', message: 'Pending deletion' });
  });

  it('leaves a hook held by the hook finalizer to its own check', () => {
    const obj = makeObject(
      'batch/v1',
      'Job',
      { status: { conditions: [{ type: 'Complete', status: 'True' }] } },
      { deletionTimestamp: '2024-05-01T10:00:00Z', finalizers: ['argocd.argoproj.io/hook-finalizer'] },
    );
    expect(resourceHealth(obj)?.status).toBe('Healthy');
  });

  it('turns a check that throws into Unknown instead of crashing', () => {
    const obj = makeObject('apps/v1', 'Deployment', {});
    Object.defineProperty(obj, 'spec', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(resourceHealth(obj)).toEqual({ status: 'Unknown', message: 'boom' });
  });

  it('survives mistyped fields', () => {
    const obj = makeObject('apps/v1', 'Deployment', { spec: 'nonsense', status: [1, 2] });
    expect(resourceHealth(obj)?.status).toBe('Healthy');
  });

  describe('custom checks', () => {
    const paused: CustomHealthCheck = {
      group: 'apps',
      kind: 'Deployment',
      rules: [
        {
          when: 'spec.paused == true',
          status: 'Degraded',
          message: 'paused on purpose? {{ metadata.name }}',
        },
      ],
    };

    it('take precedence over the built-in check', () => {
      const health = resourceHealth(loadFixture('deployment-paused'), { customChecks: [paused] });
      expect(health).toEqual({ status: 'Degraded', message: 'paused on purpose? web' });
    });

    it('fall back to the built-in check when no rule matches and there is no default', () => {
      const health = resourceHealth(loadFixture('deployment-healthy'), { customChecks: [paused] });
      expect(health).toEqual({ status: 'Healthy' });
    });

    it('use their default when no rule matches', () => {
      const check = { ...paused, default: 'Suspended' as const };
      expect(resourceHealth(loadFixture('deployment-healthy'), { customChecks: [check] })).toEqual({
        status: 'Suspended',
      });
    });

    it('give health to kinds without a built-in check', () => {
      const check: CustomHealthCheck = {
        group: '',
        kind: 'ConfigMap',
        rules: [{ when: 'has(data.ready)', status: 'Healthy' }],
        default: 'Progressing',
      };
      expect(
        resourceHealth(makeObject('v1', 'ConfigMap', { data: { ready: 'yes' } }), { customChecks: [check] }),
      ).toEqual({ status: 'Healthy' });
      expect(resourceHealth(makeObject('v1', 'ConfigMap', {}), { customChecks: [check] })).toEqual({
        status: 'Progressing',
      });
    });

    it('are Unknown, with the parse error, when an expression is malformed', () => {
      const check: CustomHealthCheck = {
        group: 'apps',
        kind: 'Deployment',
        rules: [{ when: 'spec.paused ==', status: 'Healthy' }],
      };
      expect(resourceHealth(loadFixture('deployment-healthy'), { customChecks: [check] })).toEqual({
        status: 'Unknown',
        message: `custom health check apps/Deployment rule 1: expected a value (path, literal, has(...), len(...) or '(') but found end of expression at column 15 of "spec.paused =="`,
      });
    });

    it('are Unknown when a rule names an unknown status', () => {
      const check = {
        group: 'apps',
        kind: 'Deployment',
        rules: [{ when: 'true', status: 'Fine' }],
      } as unknown as CustomHealthCheck;
      expect(resourceHealth(loadFixture('deployment-healthy'), { customChecks: [check] })).toEqual({
        status: 'Unknown',
        message: 'custom health check apps/Deployment rule 1: unknown status "Fine"',
      });
    });

    it('match group and kind patterns, preferring exact names', () => {
      const anyFlux: CustomHealthCheck = {
        group: '*.toolkit.fluxcd.io',
        kind: '*',
        rules: [{ when: 'true', status: 'Missing' }],
      };
      const gitRepo: CustomHealthCheck = {
        group: 'source.toolkit.fluxcd.io',
        kind: 'GitRepository',
        rules: [{ when: 'true', status: 'Healthy' }],
      };
      const options = { customChecks: [anyFlux, gitRepo] };
      expect(
        resourceHealth(makeObject('source.toolkit.fluxcd.io/v1', 'GitRepository'), options)?.status,
      ).toBe('Healthy');
      expect(resourceHealth(makeObject('source.toolkit.fluxcd.io/v1', 'Bucket'), options)?.status).toBe(
        'Missing',
      );
      expect(resourceHealth(makeObject('apps/v1', 'Deployment'), options)?.status).toBe('Healthy');
    });
  });
});
