/**
 * The SealedSecret's status as the sealed-secrets controller writes it: one `Synced`
 * condition (True, or False with the error as message) and observedGeneration. Ferry adds a
 * reason (Unsealed, ErrUnsealFailed, ErrUpdateFailed) and writes only when something changed.
 */
import type { SealedSecret, SealedSecretCondition, SealedSecretStatus } from '../../api/bitnami/types.js';

export type SyncOutcome =
  { ok: true } | { ok: false; reason: 'ErrUnsealFailed' | 'ErrUpdateFailed'; message: string };

function wanted(outcome: SyncOutcome): Pick<SealedSecretCondition, 'status' | 'reason' | 'message'> {
  if (outcome.ok) return { status: 'True', reason: 'Unsealed' };
  return { status: 'False', reason: outcome.reason, message: outcome.message };
}

function unchanged(
  ss: SealedSecret,
  want: Pick<SealedSecretCondition, 'status' | 'reason' | 'message'>,
): boolean {
  const previous = ss.status?.conditions?.find((c) => c.type === 'Synced');
  if (!previous || ss.status?.observedGeneration !== ss.metadata.generation) return false;
  return (
    previous.status === want.status &&
    previous.reason === want.reason &&
    (previous.message || undefined) === want.message
  );
}

/** The next status, or undefined when the current one already says this. */
export function nextStatus(
  ss: SealedSecret,
  outcome: SyncOutcome,
  now: Date,
): SealedSecretStatus | undefined {
  const want = wanted(outcome);
  if (unchanged(ss, want)) return undefined;
  const previous = ss.status?.conditions?.find((c) => c.type === 'Synced');
  const at = now.toISOString().replace(/\.\d+Z$/, 'Z');
  const kept = previous?.status === want.status ? previous.lastTransitionTime : undefined;
  const condition: SealedSecretCondition = {
    type: 'Synced',
    status: want.status,
    reason: want.reason,
    ...(want.message ? { message: want.message } : {}),
    lastUpdateTime: at,
    lastTransitionTime: kept ?? at,
  };
  const others = (ss.status?.conditions ?? []).filter((c) => c.type !== 'Synced');
  const generation = ss.metadata.generation;
  return {
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    conditions: [condition, ...others],
  };
}
