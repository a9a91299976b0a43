/**
 * What follows the comparison, decided apart from doing it: an operation on the app
 * (a user's request or its retry), an automated sync or self-heal, or only a status
 * update. The reconciler carries the step out.
 */
import type { Application, Operation } from '../../api/argo/index.js';
import { decideAutoSync, type AutoSyncInput } from './automation.js';
import type { AppContext } from './context.js';
import { retryWaitMs } from './operation.js';

export type NextStep =
  /** Nothing to sync: record the comparison. */
  | { kind: 'report' }
  /** An automated sync is refused (e.g. nothing rendered): record why, as a SyncError. */
  | { kind: 'refuse'; reason: string }
  /** Drift to self-heal, but too soon after the last self-heal: record the comparison, look again later. */
  | { kind: 'selfHealLater'; waitMs: number }
  /** A failed operation waits for its next retry. */
  | { kind: 'retryLater'; waitMs: number }
  /** Start an automated sync, or a self-heal. */
  | { kind: 'autoSync'; operation: Operation; selfHeal: boolean }
  /** Run the operation a user requested, or its next retry; `starting` when it is not running yet. */
  | { kind: 'requestedSync'; operation: Operation; starting: boolean };

/** The clocks the decision reads. */
export interface StepClock {
  now: () => Date;
  /** How long a self-heal of this app must still wait (0: go ahead). */
  selfHealWaitMs: () => number;
}

export function nextStep(ctx: AppContext, clock: StepClock): NextStep {
  const { operation } = ctx.app;
  return operation ? requestedStep(ctx.app, operation, clock) : automatedStep(ctx, clock);
}

function requestedStep(app: Application, operation: Operation, clock: StepClock): NextStep {
  const waitMs = retryWaitMs(app, operation, clock.now());
  if (waitMs > 0) return { kind: 'retryLater', waitMs };
  const phase = app.status?.operationState?.phase;
  return { kind: 'requestedSync', operation, starting: phase !== 'Running' && phase !== 'Terminating' };
}

function automatedStep(ctx: AppContext, clock: StepClock): NextStep {
  const decision = decideAutoSync(autoSyncInput(ctx));
  if (!decision.sync)
    return decision.refused ? { kind: 'refuse', reason: decision.reason } : { kind: 'report' };
  const waitMs = decision.selfHeal ? clock.selfHealWaitMs() : 0;
  if (waitMs > 0) return { kind: 'selfHealLater', waitMs };
  return {
    kind: 'autoSync',
    operation: automatedOperation(ctx, decision.prune),
    selfHeal: decision.selfHeal,
  };
}

function autoSyncInput({ app, rendered, comparison }: AppContext): AutoSyncInput {
  return {
    automated: app.spec.syncPolicy?.automated,
    syncStatus: comparison.sync,
    desiredCount: rendered.objects.length,
    outOfSyncCount: comparison.resources.filter((r) => r.status !== 'Synced').length,
    pruneOnlyCount: comparison.resources.filter((r) => r.requiresPruning).length,
    revision: rendered.revision,
    source: app.spec.sources ?? app.spec.source,
    last: lastSync(app),
  };
}

/** The target and phase of the last operation, to sync each new target only once. */
function lastSync(app: Application): AutoSyncInput['last'] {
  const state = app.status?.operationState;
  if (!state) return undefined;
  return {
    revision: state.syncResult?.revision,
    source: state.syncResult?.sources ?? state.syncResult?.source,
    phase: state.phase,
  };
}

function automatedOperation({ app, rendered }: AppContext, prune: boolean): Operation {
  return {
    sync: { revision: rendered.revision, prune },
    initiatedBy: { automated: true },
    ...(app.spec.syncPolicy?.retry ? { retry: app.spec.syncPolicy.retry } : {}),
  };
}
