/**
 * Asking a Flux object to reconcile now and following it, as `flux reconcile` does: write
 * `reconcile.fluxcd.io/requestedAt` (and forceAt/resetAt), wait until the controller has
 * handled that request and finished (no Reconciling=Progressing), showing progress.
 */
import {
  FORCE_REQUESTED_ANNOTATION,
  RECONCILE_REQUESTED_ANNOTATION,
  RESET_REQUESTED_ANNOTATION,
  type Condition,
} from '../api/flux/index.js';
import type { Cluster, ObjectRef } from '../kube/cluster.js';
import type { KubeObject } from '../kube/object.js';
import { progressReporter } from '../util/progress.js';

interface Observed {
  status?: { conditions?: Condition[]; lastHandledReconcileAt?: string; observedGeneration?: number };
}

const find = (obj: Observed, type: string): Condition | undefined =>
  obj.status?.conditions?.find((c) => c.type === type);

export interface ReconcileRequest {
  force?: boolean;
  reset?: boolean;
  timeoutMs: number;
}

export async function requestReconcile(
  cluster: Cluster,
  ref: ObjectRef,
  request: ReconcileRequest,
): Promise<KubeObject> {
  const token = new Date().toISOString();
  const annotations: Record<string, string> = { [RECONCILE_REQUESTED_ANNOTATION]: token };
  if (request.force) annotations[FORCE_REQUESTED_ANNOTATION] = token;
  if (request.reset) annotations[RESET_REQUESTED_ANNOTATION] = token;
  await cluster.mergePatch(ref, { metadata: { annotations } });
  return waitHandled(cluster, ref, token, request.timeoutMs);
}

interface Progress {
  /** The request was handled and the reconcile finished. */
  finished: boolean;
  ready?: Condition;
  line?: string;
}

const describeState = (ready: Condition | undefined, reconciling: Condition | undefined): string =>
  `${ready?.status ?? 'Unknown'} ${ready?.message ?? reconciling?.message ?? ''}`;

/** Where the object is with request `token`. */
export function progressOf(obj: Observed, token: string): Progress {
  const ready = find(obj, 'Ready');
  const reconciling = find(obj, 'Reconciling');
  if (obj.status?.lastHandledReconcileAt !== token) return { finished: false, ready };
  const busy = reconciling?.status === 'True' && reconciling.reason === 'Progressing';
  const settled = ready !== undefined && ready.status !== 'Unknown';
  return { finished: !busy && settled, ready, line: describeState(ready, reconciling) };
}

/** The object when it ended Ready; an error naming why when it did not. */
function result(what: string, obj: KubeObject, state: Progress): KubeObject {
  if (state.ready?.status !== 'True') throw new Error(`${what} is not ready: ${state.ready?.message ?? ''}`);
  return obj;
}

/** Resolves with the object once the request `token` is handled and the reconcile finished; throws on failure or timeout. */
export async function waitHandled(
  cluster: Cluster,
  ref: ObjectRef,
  token: string,
  timeoutMs: number,
): Promise<KubeObject> {
  const what = `${ref.kind} ${ref.namespace ?? ''}/${ref.name}`;
  const progress = progressReporter();
  const deadline = Date.now() + timeoutMs;
  progress.step(`waiting for ${what} to be reconciled (is the Ferry controller running?)`);
  for (;;) {
    const obj = await cluster.get(ref);
    if (!obj) throw new Error(`${what} not found`);
    const state = progressOf(obj as Observed, token);
    if (state.line) progress.step(`${what}: ${state.line}`);
    if (state.finished) {
      progress.done(
        state.ready?.status === 'True' ? `${what} reconciled: ${state.ready.message}` : undefined,
      );
      return result(what, obj, state);
    }
    if (Date.now() > deadline) {
      progress.done();
      throw new Error(`${what} was not reconciled in time${state.ready ? `: ${state.ready.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
