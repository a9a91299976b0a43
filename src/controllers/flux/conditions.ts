/**
 * Conditions the way fluxcd/pkg/runtime/conditions writes them, as free functions over a
 * working copy of a Flux object: a condition keeps its lastTransitionTime while its status
 * stays the same, carries the object's generation, and Ready sorts first.
 *
 * kstatus reading of the result: Reconciling=True → in progress; Stalled=True → the
 * controller gave up until the spec changes; Ready tells the outcome.
 */
import type { Condition, ConditionStatus, FluxObject, FluxStatus } from '../../api/flux/index.js';

export const READY = 'Ready';
export const RECONCILING = 'Reconciling';
export const STALLED = 'Stalled';

/** Reasons Flux uses across kinds (fluxcd/pkg/apis/meta). */
export const Reason = {
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Progressing: 'Progressing',
  ProgressingWithRetry: 'ProgressingWithRetry',
  Suspended: 'Suspended',
  DependencyNotReady: 'DependencyNotReady',
  InvalidSpec: 'InvalidSpec',
} as const;

// The object is a working copy: its spec is never read here, only its status.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Target = FluxObject<any, FluxStatus>;

const nowIso = (): string => new Date().toISOString();

function order(a: Condition, b: Condition): number {
  if (a.type === READY) return b.type === READY ? 0 : -1;
  if (b.type === READY) return 1;
  return a.type.localeCompare(b.type);
}

/** Adds or replaces the condition of `next.type`; the transition time moves only when the status does. */
export function setCondition(
  obj: Target,
  next: Omit<Condition, 'lastTransitionTime' | 'observedGeneration'>,
  now: string = nowIso(),
): void {
  const status = (obj.status ??= {});
  const conditions = status.conditions ?? [];
  const previous = conditions.find((c) => c.type === next.type);
  const condition: Condition = {
    ...next,
    observedGeneration: obj.metadata.generation ?? 0,
    lastTransitionTime: previous && previous.status === next.status ? previous.lastTransitionTime : now,
  };
  status.conditions = [...conditions.filter((c) => c.type !== next.type), condition].sort(order);
}

function mark(status: ConditionStatus) {
  return (obj: Target, type: string, reason: string, message: string): void =>
    setCondition(obj, { type, status, reason, message });
}

export const markTrue = mark('True');
export const markFalse = mark('False');
export const markUnknown = mark('Unknown');

export function getCondition(obj: { status?: FluxStatus }, type: string): Condition | undefined {
  return obj.status?.conditions?.find((c) => c.type === type);
}

export function isTrue(obj: { status?: FluxStatus }, type: string): boolean {
  return getCondition(obj, type)?.status === 'True';
}

export function hasReason(obj: { status?: FluxStatus }, type: string, ...reasons: string[]): boolean {
  const c = getCondition(obj, type);
  return c !== undefined && reasons.includes(c.reason);
}

export function deleteCondition(obj: Target, type: string): void {
  if (!obj.status?.conditions) return;
  obj.status.conditions = obj.status.conditions.filter((c) => c.type !== type);
}

/** Reconciling=True: work is under way (kstatus "InProgress"). */
export function markReconciling(obj: Target, reason: string, message: string): void {
  markTrue(obj, RECONCILING, reason, message);
}

/** Stalled=True: retrying cannot help until the object changes. Clears Reconciling. */
export function markStalled(obj: Target, reason: string, message: string): void {
  markTrue(obj, STALLED, reason, message);
  deleteCondition(obj, RECONCILING);
}

/** Ready=True: done and healthy. Clears Reconciling and Stalled. */
export function markReady(obj: Target, reason: string, message: string): void {
  markTrue(obj, READY, reason, message);
  deleteCondition(obj, RECONCILING);
  deleteCondition(obj, STALLED);
}

/** Ready=False with Reconciling=True: a failure that will be retried. */
export function markRetrying(obj: Target, reason: string, message: string): void {
  markFalse(obj, READY, reason, message);
  markReconciling(obj, Reason.ProgressingWithRetry, message);
  deleteCondition(obj, STALLED);
}

/** Ready=False and Stalled=True: a failure that needs a change to the object. */
export function markFailedStalled(obj: Target, reason: string, message: string): void {
  markFalse(obj, READY, reason, message);
  markStalled(obj, reason, message);
}
