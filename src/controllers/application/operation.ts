/**
 * Runs a sync operation (manual, automated, rollback or a retry of one) and works out
 * the resulting operation state: Succeeded, Failed, or Running with a retry scheduled
 * by the app's retry strategy (Argo CD's backoff: duration × factor^n, capped).
 */
import type {
  Application,
  Operation,
  OperationState,
  ResourceResult as ArgoResourceResult,
  SyncOperation,
  SyncOperationResult,
} from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { Comparison } from '../../engine/compare.js';
import { executeSync, type SyncOutcome, type SyncRequest } from '../../engine/sync.js';
import type { DryRunCache } from '../../engine/dry-run-cache.js';
import { parseSyncOptions, retryAllowed, retryDelay, type RetryStrategy } from '../../sync/plan/index.js';
import { keyString } from '../../kube/object.js';

export interface OperationResult {
  state: OperationState;
  outcome: SyncOutcome;
  /** Set when the operation failed and will be retried after this many ms. */
  retryAfterMs?: number;
}

export interface RunOperationInput {
  app: Application;
  operation: Operation;
  cluster: Cluster;
  comparison: Comparison;
  revision: string;
  revisions: string[];
  now: () => Date;
  onProgress?: (message: string) => void;
  /** Where the sync's applies are remembered as the next comparison's dry-run answers. */
  dryRuns?: DryRunCache;
  /** Aborted when a user terminates the operation (`ferry app terminate-op`). */
  signal?: AbortSignal;
}

/** Where this attempt stands in a series of retries of the same operation. */
interface Attempt {
  /** Whether this attempt continues an operation that failed and is being retried. */
  retrying: boolean;
  retryCount: number;
  startedAt: string;
}

export async function runOperation(input: RunOperationInput): Promise<OperationResult> {
  const attempt = currentAttempt(input.app, input.now);
  const outcome = await executeSync(syncRequest(input));
  const state: OperationState = {
    operation: input.operation,
    phase: outcome.phase,
    message: outcome.message,
    startedAt: attempt.startedAt,
    syncResult: syncResult(input, outcome),
  };
  return nextOperationState(input, attempt, outcome, state);
}

function currentAttempt(app: Application, now: () => Date): Attempt {
  const previous = app.status?.operationState;
  const retrying =
    previous?.phase === 'Running' && previous.retryCount !== undefined && app.operation !== undefined;
  return {
    retrying,
    retryCount: retrying ? (previous.retryCount ?? 0) : 0,
    startedAt: retrying ? previous.startedAt : now().toISOString(),
  };
}

/** What the engine is asked to do: the sync options of the app and the operation combined. */
function syncRequest(input: RunOperationInput): SyncRequest {
  const { app } = input;
  const sync = input.operation.sync ?? {};
  return {
    cluster: input.cluster,
    comparison: input.comparison,
    options: parseSyncOptions([...(app.spec.syncPolicy?.syncOptions ?? []), ...(sync.syncOptions ?? [])]),
    prune: Boolean(sync.prune),
    namespace: app.spec.destination.namespace ?? 'default',
    dryRun: sync.dryRun,
    only: selectedResources(sync),
    onProgress: input.onProgress,
    dryRuns: input.dryRuns,
    signal: input.signal,
  };
}

/** The keys of the resources a partial sync is limited to; undefined syncs them all. */
function selectedResources(sync: SyncOperation): Set<string> | undefined {
  if (!sync.resources?.length) return undefined;
  return new Set(
    sync.resources.map((r) =>
      keyString({
        apiVersion: r.group ? `${r.group}/v` : 'v1',
        kind: r.kind,
        metadata: { name: r.name, namespace: r.namespace },
      }),
    ),
  );
}

/** The sync result recorded in the operation state: what was synced, and each resource's outcome. */
function syncResult(input: RunOperationInput, outcome: SyncOutcome): SyncOperationResult {
  const { app } = input;
  const sync = input.operation.sync ?? {};
  return {
    revision: input.revision,
    ...(input.revisions.length > 1 ? { revisions: input.revisions } : {}),
    ...(app.spec.sources?.length
      ? { sources: sync.sources ?? app.spec.sources }
      : { source: sync.source ?? app.spec.source }),
    resources: outcome.results.map(toArgoResult),
  };
}

/**
 * The operation state after this attempt: Running with a retry scheduled when it failed
 * and the retry strategy allows another attempt, else finished (Succeeded or Failed).
 */
function nextOperationState(
  input: RunOperationInput,
  attempt: Attempt,
  outcome: SyncOutcome,
  state: OperationState,
): OperationResult {
  const strategy = retryStrategy(input.app, input.operation);
  const terminated = input.signal?.aborted === true; // a terminated operation is not retried
  if (outcome.phase === 'Failed' && !terminated && retryAllowed(strategy, attempt.retryCount)) {
    const next = attempt.retryCount + 1;
    const delay = retryDelay(strategy, next);
    const at = new Date(input.now().getTime() + delay).toISOString();
    return {
      outcome,
      retryAfterMs: delay,
      state: {
        ...state,
        phase: 'Running',
        retryCount: next,
        // finishedAt marks the failed attempt; the next one waits until finishedAt + delay.
        finishedAt: input.now().toISOString(),
        message: `Retrying attempt #${next} at ${at}: ${outcome.message}`,
      },
    };
  }
  return {
    outcome,
    state: {
      ...state,
      retryCount: attempt.retrying || outcome.phase === 'Failed' ? attempt.retryCount : undefined,
      finishedAt: input.now().toISOString(),
    },
  };
}

function retryStrategy(app: Application, operation: Operation): RetryStrategy {
  return operation.retry ?? app.spec.syncPolicy?.retry ?? {};
}

function toArgoResult(r: SyncOutcome['results'][number]): ArgoResourceResult {
  return {
    group: r.group,
    version: '',
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    status: r.status,
    message: r.message,
    syncPhase: r.syncPhase,
    ...(r.hookPhase ? { hookPhase: r.hookPhase } : {}),
  };
}

/** How long a retrying operation must still wait before its next attempt (0: now). */
export function retryWaitMs(app: Application, operation: Operation, now: Date): number {
  const state = app.status?.operationState;
  if (!app.operation || state?.phase !== 'Running' || !state.retryCount || !state.finishedAt) return 0;
  const due = Date.parse(state.finishedAt) + retryDelay(retryStrategy(app, operation), state.retryCount);
  return Math.max(0, due - now.getTime());
}
