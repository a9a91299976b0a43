/**
 * Deciding, apart from doing: the next Helm action for a release state, as
 * helm-controller's AtomicRelease.actionForState. Pure: everything it needs is in the
 * input, and the history edits it asks for come back in the decision.
 *
 *   InSync     → nothing (truncate history; force → upgrade)
 *   Locked     → unlock
 *   Absent     → install, unless install retries are spent (force → install)
 *   Unmanaged  → upgrade (history cleared)
 *   OutOfSync  → upgrade, unless upgrade retries are spent (force → upgrade)
 *   Untested   → test
 *   Drifted    → correct (driftDetection enabled) | nothing (warn)
 *   Failed     → no remediation: upgrade; conditions changed (no failures): upgrade; force:
 *                upgrade; retries spent and not remediating the last failure: stop;
 *                else rollback to the previous release (missing: stop; modified: upgrade)
 *                or uninstall, as the strategy says.
 */
import type { Snapshot } from '../../../api/flux/index.js';
import type { Remediation } from './remediation.js';
import { previous, truncate } from './snapshots.js';
import type { ReleaseState } from './state.js';

export type ActionName = 'install' | 'upgrade' | 'test' | 'rollback' | 'uninstall' | 'unlock' | 'correct';

/** What kind of step an action is, for the "run each kind once per reconcile" strategy. */
export type ActionType = 'release' | 'test' | 'remediate' | 'unlock' | 'drift';

export const ACTION_TYPE: Record<ActionName, ActionType> = {
  install: 'release',
  upgrade: 'release',
  test: 'test',
  rollback: 'remediate',
  uninstall: 'remediate',
  unlock: 'unlock',
  correct: 'drift',
};

export type StopReason = 'RetriesExceeded' | 'MissingRollbackTarget';

export type Decision =
  | {
      next: ActionName | 'none';
      reason: string;
      /** Replace status.history with this (truncated or cleared). */
      history?: Snapshot[];
      /** The snapshot to roll back to. */
      rollbackTo?: Snapshot;
      /** Turn a Remediated=True condition into Released=True (the rolled-back release now matches). */
      remediatedToReleased?: boolean;
    }
  | { next: 'stop'; stop: StopReason; reason: string };

export type PreviousCheck = 'ok' | 'missing' | 'modified';

export interface DecideInput {
  state: ReleaseState;
  history: Snapshot[];
  install: Remediation;
  upgrade: Remediation;
  active: Remediation | undefined;
  testIgnoreFailures: boolean;
  forceRequested: boolean;
  remediatedTrue: boolean;
  /** driftDetection.mode is enabled (correct drift) rather than warn. */
  correctDrift: boolean;
  /** Is the rollback target still in storage, unmodified? */
  verifyPrevious: (snapshot: Snapshot) => PreviousCheck;
}

export function decide(input: DecideInput): Decision {
  const { state } = input;
  switch (state.status) {
    case 'InSync':
      return inSync(input);
    case 'Locked':
      return { next: 'unlock', reason: state.reason };
    case 'Absent':
      return unlessExhausted(input, 'install', state.reason);
    case 'Unmanaged':
      return { next: 'upgrade', reason: state.reason, history: [] };
    case 'OutOfSync':
      return unlessExhausted(input, 'upgrade', state.reason);
    case 'Untested':
      return { next: 'test', reason: state.reason, remediatedToReleased: input.remediatedTrue };
    case 'Failed':
      return failed(input, state.reason);
    case 'Drifted':
      return drifted(input, state.reason);
  }
}

/** Install or upgrade, unless that action's retries are spent (and no force was asked for). */
function unlessExhausted(input: DecideInput, action: 'install' | 'upgrade', reason: string): Decision {
  if (input[action].exhausted && !input.forceRequested) {
    return { next: 'stop', stop: 'RetriesExceeded', reason: `cannot ${action} release` };
  }
  return { next: action, reason };
}

function drifted(input: DecideInput, reason: string): Decision {
  if (input.correctDrift) return { next: 'correct', reason };
  return { next: 'none', reason, history: truncate(input.history, ignoreTests(input)) };
}

function ignoreTests(input: DecideInput): boolean {
  return input.active ? input.active.ignoreTestFailures : input.testIgnoreFailures;
}

function inSync(input: DecideInput): Decision {
  const history = truncate(input.history, ignoreTests(input));
  if (input.forceRequested) return { next: 'upgrade', reason: 'force requested through annotation', history };
  return { next: 'none', reason: input.state.reason, history, remediatedToReleased: input.remediatedTrue };
}

function failed(input: DecideInput, reason: string): Decision {
  const remediation = input.active;
  if (!remediation) return { next: 'upgrade', reason: `${reason}: no active remediation strategy` };
  if (remediation.failures <= 0)
    return { next: 'upgrade', reason: `${reason}: release conditions have changed since last failure` };
  if (input.forceRequested) return { next: 'upgrade', reason: 'force requested through annotation' };
  if (remediation.exhausted && !remediation.remediateLastFailure) {
    return { next: 'stop', stop: 'RetriesExceeded', reason: 'cannot remediate failed release' };
  }
  const history = truncate(input.history, remediation.ignoreTestFailures);
  if (remediation.strategy === 'uninstall') return { next: 'uninstall', reason, history };
  const target = previous(history, remediation.ignoreTestFailures);
  const check = target ? input.verifyPrevious(target) : 'missing';
  if (!target || check === 'missing') {
    return { next: 'stop', stop: 'MissingRollbackTarget', reason: 'cannot remediate failed release' };
  }
  if (check === 'modified') {
    return {
      next: 'upgrade',
      reason: 'unable to verify previous release in storage to roll back to',
      history,
    };
  }
  return { next: 'rollback', reason, history, rollbackTo: target };
}
