/**
 * The release loop, after helm-controller's AtomicRelease: determine the state → decide
 * the next action → run it → repeat, running each kind of action at most once per
 * reconcile and stopping after a remediation. Before each action the HelmRelease says what
 * it is doing (Reconciling, and Ready=Unknown for a release action) and that is written.
 *
 * Outcomes: `done` (nothing left to do: Ready summarized), `requeue` (more to do soon,
 * e.g. retry after a remediation), `stalled` (retries spent or no rollback target:
 * Stalled=True until the object or its chart/values change).
 */
import { parseGoDuration } from '../../../api/argo/duration.js';
import type { Cluster } from '../../../kube/cluster.js';
import {
  deleteCondition,
  getCondition,
  isTrue,
  markFalse,
  markReconciling,
  markStalled,
  markUnknown,
  READY,
  RECONCILING,
  Reason,
} from '../conditions.js';
import { correct } from './actions/correct.js';
import { install } from './actions/install.js';
import { rollback } from './actions/rollback.js';
import { test } from './actions/test.js';
import { uninstallRemediation } from './actions/uninstall.js';
import { unlock } from './actions/unlock.js';
import { upgrade } from './actions/upgrade.js';
import { ACTION_TYPE, decide, type ActionName, type ActionType, type Decision } from './decide.js';
import { describeDrift, detectDrift, driftMode, type DriftChange } from './drift.js';
import { postRenderersDigest } from './post-render.js';
import { releasedInSync, remediatedToReleased, stalledMessage } from './release-conditions.js';
import { activeRemediation, installRemediation, upgradeRemediation } from './remediation.js';
import { actionTimeout, currentName, type ReleaseRequest } from './request.js';
import { determineState, type ReleaseState } from './state.js';
import type { StoredRelease } from './storage.js';
import { REMEDIATED, summarize } from './summarize.js';

export type AtomicOutcome = 'done' | 'requeue' | 'stalled';

export interface AtomicDeps {
  /** The destination cluster (unlock, drift detection and correction). */
  cluster: Cluster;
  /** Writes the working status (progress before long actions). */
  patch: () => Promise<void>;
  forceRequested: boolean;
}

type Timed = 'install' | 'upgrade' | 'test' | 'rollback' | 'uninstall';
const TIMED: ReadonlySet<string> = new Set<Timed>(['install', 'upgrade', 'test', 'rollback', 'uninstall']);

interface Next {
  decision: Decision;
  /** The drift found, when the release is in sync but the cluster is not. */
  drift: DriftChange[];
}

type Action = Next & { decision: Decision & { next: ActionName } };

function verifier(stored: StoredRelease[]) {
  return (s: { name: string; version: number; digest: string }): 'ok' | 'missing' | 'modified' => {
    const r = stored.find((x) => x.name === s.name && x.version === s.version);
    if (!r) return 'missing';
    return r.digest === s.digest ? 'ok' : 'modified';
  };
}

/** InSync, unless drift detection is on and the cluster differs from the release's manifest. */
async function withDrift(
  req: ReleaseRequest,
  state: ReleaseState,
  cluster: Cluster,
  stored: StoredRelease | undefined,
): Promise<{ state: ReleaseState; drift: DriftChange[] }> {
  if (state.status !== 'InSync' || !stored || driftMode(req.hr) === 'disabled') return { state, drift: [] };
  const drift = await detectDrift(cluster, req.hr, stored);
  if (drift.length === 0) return { state, drift };
  const message = `Cluster state of release ${currentName(req)} has drifted from the desired state:\n${describeDrift(drift)}`;
  req.events.warning('DriftDetected', message);
  return { state: { status: 'Drifted', reason: message }, drift };
}

async function next(req: ReleaseRequest, deps: AtomicDeps): Promise<Next> {
  const { hr } = req;
  const stored = await req.listStored();
  const status = hr.status ?? {};
  const active = activeRemediation(hr, status);
  const testIgnoreFailures = hr.spec.test?.ignoreFailures ?? false;
  const determined = determineState({
    stored: stored.at(-1),
    history: status.history,
    desired: {
      chartName: req.chart.meta.name,
      chartVersion: req.chart.meta.version,
      configDigest: req.configDigest,
    },
    testEnabled: hr.spec.test?.enable ?? false,
    testFailuresCount: active ? !active.ignoreTestFailures : !testIgnoreFailures,
    postRenderersChanged: status.observedPostRenderersDigest !== postRenderersDigest(hr),
  });
  const { state, drift } = await withDrift(req, determined, deps.cluster, stored.at(-1));
  const decision = decide({
    state,
    history: status.history ?? [],
    install: installRemediation(hr, status),
    upgrade: upgradeRemediation(hr, status),
    active,
    testIgnoreFailures,
    forceRequested: deps.forceRequested,
    remediatedTrue: isTrue(hr, REMEDIATED),
    correctDrift: driftMode(hr) === 'enabled',
    verifyPrevious: verifier(stored),
  });
  return { decision, drift };
}

function run(req: ReleaseRequest, action: Action, cluster: Cluster): Promise<void> {
  const { decision } = action;
  switch (decision.next) {
    case 'install':
      return install(req);
    case 'upgrade':
      return upgrade(req);
    case 'test':
      return test(req);
    case 'rollback':
      return rollback(req, decision.rollbackTo!);
    case 'uninstall':
      return uninstallRemediation(req);
    case 'unlock':
      return unlock(req, cluster);
    case 'correct':
      return correct(req, cluster, action.drift);
  }
}

/** Nothing left to do: Ready summarized from the release conditions. */
function finished(req: ReleaseRequest): AtomicOutcome {
  deleteCondition(req.hr, RECONCILING);
  releasedInSync(req);
  summarize(req.hr);
  return 'done';
}

/**
 * After a remediation, or before running a kind of action twice: retry on the next
 * reconcile while retries remain (Reconciling says so, Ready keeps the failure). With
 * retries spent, a remediation stalls the object; otherwise the reconcile simply ends.
 */
function retryOrFinish(req: ReleaseRequest, afterRemediation: boolean): AtomicOutcome {
  const remediation = activeRemediation(req.hr);
  if (!remediation?.exhausted) {
    markReconciling(req.hr, Reason.ProgressingWithRetry, getCondition(req.hr, READY)?.message ?? '');
    return 'requeue';
  }
  if (afterRemediation) {
    markStalled(req.hr, 'RetriesExceeded', stalledMessage(req, 'RetriesExceeded', ''));
    return 'stalled';
  }
  deleteCondition(req.hr, RECONCILING);
  return 'done';
}

export async function atomicRelease(req: ReleaseRequest, deps: AtomicDeps): Promise<AtomicOutcome> {
  const done = new Set<ActionType>();
  for (;;) {
    const step = await next(req, deps);
    const { decision } = step;
    if (decision.next === 'stop') {
      markStalled(req.hr, decision.stop, stalledMessage(req, decision.stop, decision.reason));
      return 'stalled';
    }
    if (decision.history) (req.hr.status ??= {}).history = decision.history;
    if (decision.remediatedToReleased) remediatedToReleased(req);
    if (decision.next === 'none') return finished(req);
    const type = ACTION_TYPE[decision.next];
    // Drift that one correction did not remove is reported, not fought every second.
    if (done.has(type)) return type === 'drift' ? finished(req) : retryOrFinish(req, false);
    await announce(req, decision.next, deps);
    try {
      await run(req, step as Action, deps.cluster);
    } catch (err) {
      if (isTrue(req.hr, READY)) markFalse(req.hr, READY, 'ReconcileError', (err as Error).message);
      throw err;
    }
    if (type === 'remediate') return retryOrFinish(req, true);
    done.add(type);
    await deps.patch();
  }
}

function goLike(ms: number): string {
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  return m > 0 ? `${m}m${s}s` : `${s}s`;
}

async function announce(req: ReleaseRequest, action: ActionName, deps: AtomicDeps): Promise<void> {
  let message = `Running '${action}' action`;
  if (TIMED.has(action)) {
    const timeout = actionTimeout(req.hr, action as Timed);
    const ms = parseGoDuration(timeout);
    message += ` with timeout of ${ms !== undefined ? goLike(ms) : timeout}`;
  }
  markReconciling(req.hr, Reason.Progressing, message);
  if (ACTION_TYPE[action] === 'release') markUnknown(req.hr, READY, Reason.Progressing, message);
  await deps.patch();
}
