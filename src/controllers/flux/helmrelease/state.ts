/**
 * What state is the release in, compared with what the HelmRelease wants? helm-controller's
 * DetermineReleaseState as a pure function of the latest stored release, `status.history`
 * and the desired chart and values. The closed union it returns drives decide.ts.
 */
import type { Snapshot } from '../../../api/flux/index.js';
import { latest } from './snapshots.js';
import { isPending, type StoredRelease } from './storage.js';

export type ReleaseState =
  | { status: 'Absent'; reason: string }
  | { status: 'Unmanaged'; reason: string }
  | { status: 'Locked'; reason: string }
  | { status: 'OutOfSync'; reason: string }
  | { status: 'Untested'; reason: string }
  | { status: 'InSync'; reason: string }
  | { status: 'Failed'; reason: string }
  /** In sync with storage, but the cluster differs from the release's manifest (see drift.ts). */
  | { status: 'Drifted'; reason: string };

export interface DesiredRelease {
  chartName: string;
  chartVersion: string;
  configDigest: string;
}

export interface StateInput {
  /** The newest revision in Helm's storage. */
  stored: StoredRelease | undefined;
  history: Snapshot[] | undefined;
  desired: DesiredRelease;
  testEnabled: boolean;
  /** Whether a failed test counts as a failed release (active remediation does not ignore tests). */
  testFailuresCount: boolean;
  /** spec.postRenderers differ from those the release was made with. */
  postRenderersChanged?: boolean;
}

/** An unexpected release status: the state cannot be told (a retry may help). */
export class UnknownReleaseStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownReleaseStateError';
  }
}

export function determineState(input: StateInput): ReleaseState {
  const { stored, history } = input;
  if (!stored) return { status: 'Absent', reason: 'no release in storage for object' };
  if (isPending(stored.status)) return { status: 'Locked', reason: `release with status '${stored.status}'` };
  const current = latest(history);
  if (!current) {
    if (stored.status === 'uninstalled')
      return { status: 'Absent', reason: 'found uninstalled release in storage' };
    return { status: 'Unmanaged', reason: 'found existing release in storage' };
  }
  if (
    current.name !== stored.name ||
    current.namespace !== stored.namespace ||
    current.version !== stored.version
  ) {
    return { status: 'Unmanaged', reason: 'release not observed to be made for object' };
  }
  if (current.digest !== stored.digest) {
    return { status: 'Unmanaged', reason: 'release digest verification failed' };
  }
  switch (stored.status) {
    case 'failed':
      return { status: 'Failed', reason: 'release is in a failed state' };
    case 'uninstalled':
      return { status: 'Absent', reason: 'found uninstalled release in storage' };
    case 'deployed':
      return deployedState(input, current);
    default:
      throw new UnknownReleaseStateError(
        `unable to determine state for release with status '${stored.status}'`,
      );
  }
}

function deployedState(input: StateInput, current: Snapshot): ReleaseState {
  const { stored, desired } = input;
  if (stored!.chartName !== desired.chartName || stored!.chartVersion !== desired.chartVersion) {
    return {
      status: 'OutOfSync',
      reason: `release chart changed: ${stored!.chartName}@${stored!.chartVersion} → ${desired.chartName}@${desired.chartVersion}`,
    };
  }
  if (current.configDigest !== desired.configDigest) {
    return { status: 'OutOfSync', reason: 'release config digest changed' };
  }
  if (input.postRenderersChanged) return { status: 'OutOfSync', reason: 'postRenderers digest changed' };
  if (input.testEnabled) {
    if (current.testHooks === undefined) return { status: 'Untested', reason: 'release has not been tested' };
    const failed = Object.values(current.testHooks).some((h) => h.phase === 'Failed');
    if (failed && input.testFailuresCount)
      return { status: 'Failed', reason: 'release has test in failed phase' };
  }
  return { status: 'InSync', reason: 'release in-sync with desired state' };
}
