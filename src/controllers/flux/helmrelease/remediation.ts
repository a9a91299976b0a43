/**
 * The active remediation of a HelmRelease and its counters, with helm-controller's
 * defaults: install remediation uninstalls, retries 0, never remediates the last failure
 * unless told; upgrade remediation rolls back, and remediates the last failure by default
 * when retries > 0. Retries are exhausted when failures > retries (negative: never).
 */
import type { HelmRelease, HelmReleaseStatus, RemediationStrategy } from '../../../api/flux/index.js';

export interface Remediation {
  action: 'install' | 'upgrade';
  retries: number;
  strategy: RemediationStrategy;
  remediateLastFailure: boolean;
  /** Test failures do not count as failures of the release. */
  ignoreTestFailures: boolean;
  failures: number;
  exhausted: boolean;
}

export function installRemediation(
  hr: HelmRelease,
  status: HelmReleaseStatus = hr.status ?? {},
): Remediation {
  const r = hr.spec.install?.remediation ?? {};
  const retries = r.retries ?? 0;
  const failures = status.installFailures ?? 0;
  return {
    action: 'install',
    retries,
    strategy: 'uninstall',
    remediateLastFailure: r.remediateLastFailure ?? false,
    ignoreTestFailures: ignoreTests(hr, r.ignoreTestFailures),
    failures,
    exhausted: retries >= 0 && failures > retries,
  };
}

export function upgradeRemediation(
  hr: HelmRelease,
  status: HelmReleaseStatus = hr.status ?? {},
): Remediation {
  const r = hr.spec.upgrade?.remediation ?? {};
  const retries = r.retries ?? 0;
  const failures = status.upgradeFailures ?? 0;
  return {
    action: 'upgrade',
    retries,
    strategy: r.strategy ?? 'rollback',
    remediateLastFailure: r.remediateLastFailure ?? retries > 0,
    ignoreTestFailures: ignoreTests(hr, r.ignoreTestFailures),
    failures,
    exhausted: retries >= 0 && failures > retries,
  };
}

/** The remediation of the last attempted release action, if any. */
export function activeRemediation(
  hr: HelmRelease,
  status: HelmReleaseStatus = hr.status ?? {},
): Remediation | undefined {
  switch (status.lastAttemptedReleaseAction) {
    case 'install':
      return installRemediation(hr, status);
    case 'upgrade':
      return upgradeRemediation(hr, status);
    default:
      return undefined;
  }
}

/** Counts a failure of `action` (and the overall failure counter). */
export function countFailure(status: HelmReleaseStatus, action: 'install' | 'upgrade' | undefined): void {
  if (action === 'install') status.installFailures = (status.installFailures ?? 0) + 1;
  if (action === 'upgrade') status.upgradeFailures = (status.upgradeFailures ?? 0) + 1;
}

export function clearFailures(status: HelmReleaseStatus): void {
  delete status.failures;
  delete status.installFailures;
  delete status.upgradeFailures;
}

function ignoreTests(hr: HelmRelease, own: boolean | undefined): boolean {
  return own ?? hr.spec.test?.ignoreFailures ?? false;
}
