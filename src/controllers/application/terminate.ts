/**
 * Terminating a running operation, as `argocd app terminate-op`: the API sets
 * `status.operationState.phase` to Terminating; the controller, which looks at the app
 * every second while it syncs, aborts the sync (waits stop, no further wave starts) and
 * records the operation as Failed with "Operation terminated".
 */
import type { Application } from '../../api/argo/index.js';
import type { Cluster, ObjectRef } from '../../kube/cluster.js';

/**
 * The merge patch that asks the controller to terminate the app's operation (undefined
 * when none is in progress). Keeps the start time of an operation already running;
 * `null` clears the previous operation's result and end.
 */
export function terminationPatch(app: Application, who: string, now = new Date()): object | undefined {
  if (!app.operation) return undefined;
  const previous = app.status?.operationState;
  const running = previous && ['Running', 'Terminating'].includes(previous.phase);
  return {
    status: {
      operationState: {
        operation: app.operation,
        phase: 'Terminating',
        message: `termination requested by ${who}`,
        startedAt: running ? previous.startedAt : now.toISOString(),
        finishedAt: null,
        syncResult: null,
        ...(running ? {} : { retryCount: null }),
      },
    },
  };
}

export const terminationRequested = (app: Application | undefined): boolean =>
  app?.status?.operationState?.phase === 'Terminating';

export interface TerminationWatch {
  signal: AbortSignal;
  stop(): void;
}

/** Aborts `signal` once the app asks to terminate its operation; checks every `intervalMs`. */
export function watchForTermination(home: Cluster, app: Application, intervalMs = 1000): TerminationWatch {
  const controller = new AbortController();
  if (terminationRequested(app)) controller.abort();
  const ref: ObjectRef = {
    apiVersion: app.apiVersion,
    kind: app.kind,
    namespace: app.metadata.namespace,
    name: app.metadata.name ?? '',
  };
  let busy = false;
  const timer = setInterval(() => {
    if (busy || controller.signal.aborted) return;
    busy = true;
    home
      .get(ref)
      .then((live) => {
        if (terminationRequested(live as Application | undefined)) controller.abort();
      })
      .catch(() => undefined) // a failed look is retried on the next tick
      .finally(() => (busy = false));
  }, intervalMs);
  timer.unref();
  return { signal: controller.signal, stop: () => clearInterval(timer) };
}
