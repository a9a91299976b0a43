/**
 * Whether an automated sync should start now: Argo CD's rules, as a pure function.
 * - only when automated sync is on and the app is OutOfSync;
 * - never to an empty set of resources unless allowEmpty;
 * - once per new revision/source: a failed sync to the same revision is not retried
 *   automatically (retry handles that), and drift is corrected only with selfHeal;
 * - not when the only difference is pruning and automated prune is off.
 */
import type { SyncPolicyAutomated } from '../../api/argo/index.js';
import { stableJson } from '../../render/cache.js';

export interface AutoSyncInput {
  automated?: SyncPolicyAutomated;
  syncStatus: 'Synced' | 'OutOfSync' | 'Unknown';
  desiredCount: number;
  /** Resources that differ, and how many of them only need pruning. */
  outOfSyncCount: number;
  pruneOnlyCount: number;
  revision: string;
  source: unknown;
  last?: { revision?: string; source?: unknown; phase: string };
}

export type AutoSyncDecision =
  { sync: true; prune: boolean; selfHeal: boolean } | { sync: false; reason: string; refused?: boolean };

export function decideAutoSync(input: AutoSyncInput): AutoSyncDecision {
  const auto = input.automated;
  if (!auto || auto.enabled === false) return { sync: false, reason: 'automated sync is off' };
  return reasonNotToSync(input, auto) ?? decideForTarget(input, auto);
}

/** Reasons not to sync whatever was synced before: in sync, nothing rendered, or only pruning without prune. */
function reasonNotToSync(input: AutoSyncInput, auto: SyncPolicyAutomated): AutoSyncDecision | undefined {
  if (input.syncStatus !== 'OutOfSync') return { sync: false, reason: `sync status is ${input.syncStatus}` };
  if (input.desiredCount === 0 && !auto.allowEmpty) {
    return {
      sync: false,
      refused: true,
      reason: 'automated sync refused: the source rendered no resources (set allowEmpty to allow this)',
    };
  }
  if (input.outOfSyncCount === input.pruneOnlyCount && !auto.prune) {
    return { sync: false, reason: 'only pruning is needed and automated prune is off' };
  }
  return undefined;
}

/**
 * Once per new revision/source: syncing the last target again is either a retry of a
 * failed sync (never) or a self-heal of drift (only with selfHeal).
 */
function decideForTarget(input: AutoSyncInput, auto: SyncPolicyAutomated): AutoSyncDecision {
  const sameTarget =
    input.last?.revision === input.revision && stableJson(input.last.source) === stableJson(input.source);
  if (sameTarget && ['Failed', 'Error'].includes(input.last!.phase)) {
    return {
      sync: false,
      reason: `the previous automated sync to ${input.revision} failed; not retrying the same revision`,
    };
  }
  if (sameTarget && !auto.selfHeal)
    return { sync: false, reason: `already synced to ${input.revision}; selfHeal is off` };
  return { sync: true, prune: Boolean(auto.prune), selfHeal: sameTarget };
}
