/**
 * The state → action table, exhaustively: every release state, with and without retries
 * left, force, and each remediation strategy.
 */
import { describe, expect, it } from 'vitest';
import type { HelmRelease, HelmReleaseSpec, HelmReleaseStatus, Snapshot } from '../../../api/flux/index.js';
import { decide, type DecideInput, type PreviousCheck } from './decide.js';
import { activeRemediation, installRemediation, upgradeRemediation } from './remediation.js';
import type { ReleaseState } from './state.js';

const snap = (version: number, status: string, extra: Partial<Snapshot> = {}): Snapshot => ({
  digest: `sha256:${version}`,
  name: 'my-app',
  namespace: 'my-app',
  version,
  status,
  chartName: 'my-app',
  chartVersion: `1.2.${version}`,
  configDigest: 'sha256:c',
  firstDeployed: 't',
  lastDeployed: 't',
  ...extra,
});

interface Case {
  spec?: Partial<HelmReleaseSpec>;
  status?: HelmReleaseStatus;
  history?: Snapshot[];
  force?: boolean;
  remediated?: boolean;
  previous?: PreviousCheck;
  correctDrift?: boolean;
}

function input(state: ReleaseState['status'], c: Case = {}): DecideInput {
  const hr: HelmRelease = {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'my-app', namespace: 'my-app' },
    spec: { interval: '5m', ...c.spec },
    status: c.status ?? {},
  };
  return {
    state: { status: state, reason: 'r' },
    history: c.history ?? [snap(2, 'failed'), snap(1, 'superseded')],
    install: installRemediation(hr),
    upgrade: upgradeRemediation(hr),
    active: activeRemediation(hr),
    testIgnoreFailures: false,
    forceRequested: c.force ?? false,
    remediatedTrue: c.remediated ?? false,
    correctDrift: c.correctDrift ?? false,
    verifyPrevious: () => c.previous ?? 'ok',
  };
}

const seed: Partial<HelmReleaseSpec> = {
  upgrade: { remediation: { retries: 3, remediateLastFailure: true } },
};
const upgraded = (failures: number): HelmReleaseStatus => ({
  lastAttemptedReleaseAction: 'upgrade',
  upgradeFailures: failures,
});
const installed = (failures: number): HelmReleaseStatus => ({
  lastAttemptedReleaseAction: 'install',
  installFailures: failures,
});

describe('decide: state → action', () => {
  it.each<[string, ReleaseState['status'], Case, string]>([
    ['in sync', 'InSync', {}, 'none'],
    ['in sync, force', 'InSync', { force: true }, 'upgrade'],
    ['locked', 'Locked', {}, 'unlock'],
    ['absent', 'Absent', {}, 'install'],
    ['absent, install retries spent', 'Absent', { status: installed(1) }, 'stop:RetriesExceeded'],
    ['absent, install retries spent, force', 'Absent', { status: installed(1), force: true }, 'install'],
    [
      'absent, install retries left',
      'Absent',
      { spec: { install: { remediation: { retries: 2 } } }, status: installed(2) },
      'install',
    ],
    [
      'absent, unlimited retries',
      'Absent',
      { spec: { install: { remediation: { retries: -1 } } }, status: installed(99) },
      'install',
    ],
    ['unmanaged', 'Unmanaged', {}, 'upgrade'],
    ['out of sync', 'OutOfSync', {}, 'upgrade'],
    [
      'out of sync, upgrade retries spent',
      'OutOfSync',
      { spec: seed, status: upgraded(4) },
      'stop:RetriesExceeded',
    ],
    [
      'out of sync, retries spent, force',
      'OutOfSync',
      { spec: seed, status: upgraded(4), force: true },
      'upgrade',
    ],
    ['out of sync, retries left', 'OutOfSync', { spec: seed, status: upgraded(3) }, 'upgrade'],
    ['untested', 'Untested', {}, 'test'],
    ['drifted, detection enabled', 'Drifted', { correctDrift: true }, 'correct'],
    ['drifted, warn only', 'Drifted', {}, 'none'],
    ['failed, no remediation attempted', 'Failed', {}, 'upgrade'],
    ['failed, failures reset', 'Failed', { spec: seed, status: upgraded(0) }, 'upgrade'],
    ['failed, force', 'Failed', { spec: seed, status: upgraded(1), force: true }, 'upgrade'],
    ['failed upgrade, retries left', 'Failed', { spec: seed, status: upgraded(1) }, 'rollback'],
    ['failed upgrade, last failure remediated', 'Failed', { spec: seed, status: upgraded(4) }, 'rollback'],
    [
      'failed upgrade, retries spent, last failure kept',
      'Failed',
      {
        spec: { upgrade: { remediation: { retries: 3, remediateLastFailure: false } } },
        status: upgraded(4),
      },
      'stop:RetriesExceeded',
    ],
    [
      'failed upgrade, default retries 0 → keep the failure',
      'Failed',
      { status: upgraded(1) },
      'stop:RetriesExceeded',
    ],
    [
      'failed upgrade, uninstall strategy',
      'Failed',
      { spec: { upgrade: { remediation: { retries: 1, strategy: 'uninstall' } } }, status: upgraded(1) },
      'uninstall',
    ],
    [
      'failed install, retries left',
      'Failed',
      { spec: { install: { remediation: { retries: 1 } } }, status: installed(1) },
      'uninstall',
    ],
    [
      'failed install, retries spent',
      'Failed',
      { spec: { install: { remediation: { retries: 1 } } }, status: installed(2) },
      'stop:RetriesExceeded',
    ],
    [
      'failed upgrade, rollback target gone',
      'Failed',
      { spec: seed, status: upgraded(1), previous: 'missing' },
      'stop:MissingRollbackTarget',
    ],
    [
      'failed upgrade, no previous release',
      'Failed',
      { spec: seed, status: upgraded(1), history: [snap(1, 'failed')] },
      'stop:MissingRollbackTarget',
    ],
    [
      'failed upgrade, rollback target modified',
      'Failed',
      { spec: seed, status: upgraded(1), previous: 'modified' },
      'upgrade',
    ],
  ])('%s → %s', (_name, state, c, expected) => {
    const d = decide(input(state, c));
    expect(d.next === 'stop' ? `stop:${d.stop}` : d.next).toBe(expected);
  });

  it('rolls back to the newest deployed or superseded release', () => {
    const d = decide(
      input('Failed', {
        spec: seed,
        status: upgraded(2),
        history: [snap(4, 'failed'), snap(3, 'deployed'), snap(2, 'failed'), snap(1, 'superseded')],
      }),
    );
    expect(d.next === 'rollback' && d.rollbackTo?.version).toBe(3);
    expect(d.next !== 'stop' && d.history?.map((s) => s.version)).toEqual([4, 3]);
  });

  it('skips a previous release whose tests failed, unless test failures are ignored', () => {
    const history = [
      snap(3, 'failed'),
      snap(2, 'superseded', { testHooks: { t: { phase: 'Failed' } } }),
      snap(1, 'superseded'),
    ];
    const strict = decide(input('Failed', { spec: seed, status: upgraded(1), history }));
    expect(strict.next === 'rollback' && strict.rollbackTo?.version).toBe(1);
    const lenient = decide(
      input('Failed', {
        spec: { upgrade: { remediation: { retries: 3, ignoreTestFailures: true } } },
        status: upgraded(1),
        history,
      }),
    );
    expect(lenient.next === 'rollback' && lenient.rollbackTo?.version).toBe(2);
  });

  it('clears the history of an unmanaged release', () => {
    const d = decide(input('Unmanaged'));
    expect(d.next !== 'stop' && d.history).toEqual([]);
  });

  it('truncates the history once in sync and turns Remediated into Released', () => {
    const d = decide(
      input('InSync', {
        remediated: true,
        history: [snap(5, 'deployed'), snap(4, 'superseded'), snap(3, 'superseded')],
      }),
    );
    expect(d).toMatchObject({ next: 'none', remediatedToReleased: true });
    expect(d.next !== 'stop' && d.history?.map((s) => s.version)).toEqual([5, 4]);
  });
});

describe('remediation defaults (helm-controller)', () => {
  const hr = (spec: Partial<HelmReleaseSpec>, status: HelmReleaseStatus = {}): HelmRelease => ({
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'a' },
    spec: { interval: '1m', ...spec },
    status,
  });

  it('upgrade: rollback, remediateLastFailure when retries > 0', () => {
    expect(upgradeRemediation(hr({ upgrade: { remediation: { retries: 3 } } }))).toMatchObject({
      strategy: 'rollback',
      remediateLastFailure: true,
    });
    expect(upgradeRemediation(hr({}))).toMatchObject({ retries: 0, remediateLastFailure: false });
  });

  it('install: uninstall, never remediates the last failure by default', () => {
    expect(installRemediation(hr({ install: { remediation: { retries: 3 } } }))).toMatchObject({
      strategy: 'uninstall',
      remediateLastFailure: false,
    });
  });

  it('exhausted when failures exceed retries; negative retries never exhaust', () => {
    expect(upgradeRemediation(hr(seed, upgraded(3))).exhausted).toBe(false);
    expect(upgradeRemediation(hr(seed, upgraded(4))).exhausted).toBe(true);
    expect(
      upgradeRemediation(hr({ upgrade: { remediation: { retries: -1 } } }, upgraded(100))).exhausted,
    ).toBe(false);
  });

  it('the active remediation follows the last attempted action', () => {
    expect(activeRemediation(hr({}, { lastAttemptedReleaseAction: 'install' }))?.action).toBe('install');
    expect(activeRemediation(hr({}, { lastAttemptedReleaseAction: 'upgrade' }))?.action).toBe('upgrade');
    expect(activeRemediation(hr({}))).toBeUndefined();
  });
});
