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
} from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { Comparison } from '../../engine/compare.js';
import { executeSync, type SyncOutcome } from '../../engine/sync.js';
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
}

export async function runOperation(input: RunOperationInput): Promise<OperationResult> {
  const { app, operation } = input;
  const previous = app.status?.operationState;
  const retrying =
    previous?.phase === 'Running' && previous.retryCount !== undefined && app.operation !== undefined;
  const retryCount = retrying ? (previous.retryCount ?? 0) : 0;
  const startedAt = retrying ? previous.startedAt : input.now().toISOString();
  const sync = operation.sync ?? {};
  const options = parseSyncOptions([
    ...(app.spec.syncPolicy?.syncOptions ?? []),
    ...(sync.syncOptions ?? []),
  ]);
  const only = sync.resources?.length
    ? new Set(
        sync.resources.map((r) =>
          keyString({
            apiVersion: r.group ? `${r.group}/v` : 'v1',
            kind: r.kind,
            metadata: { name: r.name, namespace: r.namespace },
          }),
        ),
      )
    : undefined;
  const outcome = await executeSync({
    cluster: input.cluster,
    comparison: input.comparison,
    options,
    prune: Boolean(sync.prune),
    namespace: app.spec.destination.namespace ?? 'default',
    dryRun: sync.dryRun,
    only,
    onProgress: input.onProgress,
  });
  const syncResult = {
    revision: input.revision,
    ...(input.revisions.length > 1 ? { revisions: input.revisions } : {}),
    ...(app.spec.sources?.length
      ? { sources: sync.sources ?? app.spec.sources }
      : { source: sync.source ?? app.spec.source }),
    resources: outcome.results.map(toArgoResult),
  };
  const base: OperationState = {
    operation,
    phase: outcome.phase,
    message: outcome.message,
    startedAt,
    syncResult,
  };
  if (outcome.phase === 'Failed') {
    const strategy: RetryStrategy = operation.retry ?? app.spec.syncPolicy?.retry ?? {};
    if (retryAllowed(strategy, retryCount)) {
      const attempt = retryCount + 1;
      const delay = retryDelay(strategy, attempt);
      const at = new Date(input.now().getTime() + delay).toISOString();
      return {
        outcome,
        retryAfterMs: delay,
        state: {
          ...base,
          phase: 'Running',
          retryCount: attempt,
          // finishedAt marks the failed attempt; the next one waits until finishedAt + delay.
          finishedAt: input.now().toISOString(),
          message: `Retrying attempt #${attempt} at ${at}: ${outcome.message}`,
        },
      };
    }
  }
  return {
    outcome,
    state: {
      ...base,
      retryCount: retrying || outcome.phase === 'Failed' ? retryCount : undefined,
      finishedAt: input.now().toISOString(),
    },
  };
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
  const strategy: RetryStrategy = operation.retry ?? app.spec.syncPolicy?.retry ?? {};
  const due = Date.parse(state.finishedAt) + retryDelay(strategy, state.retryCount);
  return Math.max(0, due - now.getTime());
}
