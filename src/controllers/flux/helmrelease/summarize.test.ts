import { describe, expect, it } from 'vitest';
import type { HelmRelease } from '../../../api/flux/index.js';
import { getCondition, markFalse, markStalled, markTrue } from '../conditions.js';
import { summarize } from './summarize.js';

const hr = (test?: HelmRelease['spec']['test']): HelmRelease => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name: 'a', generation: 2 },
  spec: { interval: '1m', ...(test ? { test } : {}) },
});

describe('summarize (Ready from the release conditions)', () => {
  it('mirrors Released', () => {
    const o = hr();
    markTrue(o, 'Released', 'UpgradeSucceeded', 'ok');
    markStalled(o, 'RetriesExceeded', 'old');
    summarize(o);
    expect(getCondition(o, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'UpgradeSucceeded',
      message: 'ok',
    });
    expect(getCondition(o, 'Stalled')).toBeUndefined();
  });

  it('a remediation wins and means not ready', () => {
    const o = hr();
    markFalse(o, 'Released', 'UpgradeFailed', 'failed');
    markTrue(o, 'Remediated', 'RollbackSucceeded', 'rolled back');
    summarize(o);
    expect(getCondition(o, 'Ready')).toMatchObject({ status: 'False', reason: 'RollbackSucceeded' });
  });

  it('counts tests only when enabled and not ignored', () => {
    const o = hr({ enable: true });
    markTrue(o, 'Released', 'InstallSucceeded', 'ok');
    markFalse(o, 'TestSuccess', 'TestFailed', 'tests failed');
    summarize(o);
    expect(getCondition(o, 'Ready')).toMatchObject({ status: 'False', reason: 'TestFailed' });
    const ignored = hr({ enable: true, ignoreFailures: true });
    markTrue(ignored, 'Released', 'InstallSucceeded', 'ok');
    markFalse(ignored, 'TestSuccess', 'TestFailed', 'tests failed');
    summarize(ignored);
    expect(getCondition(ignored, 'Ready')?.status).toBe('True');
    const disabled = hr();
    markFalse(disabled, 'TestSuccess', 'TestFailed', 'stale');
    summarize(disabled);
    expect(getCondition(disabled, 'TestSuccess')).toBeUndefined();
  });
});
