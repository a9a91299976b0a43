/**
 * Pruning, as gitops-engine plans it. Tracked live objects that are no longer desired are pruned
 * in the Sync phase, in reverse wave order: the distinct waves of the prune tasks are mirrored,
 * so the highest wave is pruned first. With PruneLast (on the Application, or `PruneLast=true` on
 * the live object) a prune runs one wave after the last Sync-phase wave. Hooks are never pruned.
 */
import { type KubeObject, keyString } from '../../kube/object.js';
import { isHook } from './hooks.js';
import type { SyncTask } from './order.js';
import { type SyncOptions, effectiveSyncOptions, resourceSyncOptions } from './sync-options.js';
import { syncWave } from './wave.js';

/** Live objects with no desired counterpart (by keyString), hooks left out. */
export function pruneCandidates(desired: readonly KubeObject[], live: readonly KubeObject[]): KubeObject[] {
  const wanted = new Set(desired.map((obj) => keyString(obj)));
  return live.filter((obj) => !wanted.has(keyString(obj)) && !isHook(obj));
}

export function pruneTask(obj: KubeObject): SyncTask {
  return {
    key: keyString(obj),
    object: obj,
    phase: 'Sync',
    wave: syncWave(obj),
    hook: false,
    action: 'prune',
  };
}

/** Prune tasks with their distinct waves mirrored: lowest ↔ highest, second ↔ second-to-last, ... */
export function mirrorPruneWaves(prunes: SyncTask[]): SyncTask[] {
  const waves = [...new Set(prunes.map((task) => task.wave))].sort((a, b) => a - b);
  const mirrored = new Map(waves.map((wave, i) => [wave, waves[waves.length - 1 - i] ?? wave]));
  return prunes.map((task) => ({ ...task, wave: mirrored.get(task.wave) ?? task.wave }));
}

/** One past the last Sync-phase wave, and never below 1 (gitops-engine starts from wave 0). */
export function pruneLastWave(tasks: readonly SyncTask[]): number {
  return tasks.reduce((last, task) => (task.phase === 'Sync' ? Math.max(last, task.wave) : last), 0) + 1;
}

/** PruneLast on the Application, or PruneLast=true on the live object (either one is enough). */
export function prunesLast(obj: KubeObject, options: SyncOptions): boolean {
  return options.pruneLast || resourceSyncOptions(obj).pruneLast === true;
}

export type PruneVerdict = 'prune' | 'skip' | 'confirm';

/**
 * Whether a candidate is pruned: 'skip' when pruning is off for this sync or Prune=false holds
 * for the object (its annotation overrides the Application), 'confirm' when Prune=confirm holds
 * and the sync carries no confirmation.
 */
export function pruneVerdict(
  obj: KubeObject,
  options: SyncOptions,
  prune: boolean,
  confirmed: boolean,
): PruneVerdict {
  const effective = effectiveSyncOptions(options, obj);
  if (!prune || !effective.prune) return 'skip';
  return effective.pruneConfirm && !confirmed ? 'confirm' : 'prune';
}
