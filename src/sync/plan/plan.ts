/**
 * The sync plan: which objects a sync applies, which hooks it creates, which objects it prunes,
 * and in what order. Decides only; applying the plan is the caller's job. The caller runs the
 * groups of groupByPhaseAndWave one after another, waiting for each to be healthy, and runs the
 * SyncFail phase only when the sync has failed.
 */
import { type KubeObject, groupOf, keyString } from '../../kube/object.js';
import { pullDependenciesForward } from './dependencies.js';
import { isHook, syncPhases } from './hooks.js';
import { type SyncTask, compareTasks } from './order.js';
import {
  mirrorPruneWaves,
  pruneCandidates,
  pruneLastWave,
  pruneTask,
  pruneVerdict,
  prunesLast,
} from './prune.js';
import type { SyncOptions } from './sync-options.js';
import { syncWave } from './wave.js';

export { type SyncPhase, type SyncTask, type TaskGroup, compareTasks, groupByPhaseAndWave } from './order.js';

export interface PlanInput {
  /**
   * The rendered objects. Namespaced objects must already carry their namespace (the
   * destination namespace filled in) so their keys match the live objects.
   */
  desired: KubeObject[];
  /** The tracked live objects of this application. */
  live: KubeObject[];
  /** keyString of the objects that differ from live; read only with ApplyOutOfSyncOnly. */
  outOfSync?: Set<string>;
  options: SyncOptions;
  /** Whether this sync may prune at all. */
  prune: boolean;
  /** The user confirmed pruning objects marked Prune=confirm. */
  pruneConfirmed?: boolean;
}

export interface SyncPlan {
  /** Sorted by compareTasks. */
  tasks: SyncTask[];
  /** Would be pruned, but pruning is off for this sync or Prune=false holds for the object. */
  pruneSkipped: KubeObject[];
  /** Would be pruned once confirmed (Prune=confirm); the caller asks, then plans again. */
  pruneAwaitingConfirmation: KubeObject[];
}

/** A hook known only by generateName is keyed by that, so two such hooks stay apart. */
function taskKey(obj: KubeObject): string {
  const { name, generateName, namespace } = obj.metadata;
  if (name) return keyString(obj);
  const key = { group: groupOf(obj.apiVersion), kind: obj.kind, namespace: namespace ?? '' };
  return keyString({ ...key, name: generateName ?? '' });
}

function desiredTasks(obj: KubeObject): SyncTask[] {
  const hook = isHook(obj);
  const base = { key: taskKey(obj), object: obj, wave: syncWave(obj), hook };
  return syncPhases(obj).map((phase) => ({ ...base, phase, action: hook ? 'create-hook' : 'apply' }));
}

/** With ApplyOutOfSyncOnly, an existing resource known to match is left alone; hooks always run. */
function inSyncAndSkippable(task: SyncTask, input: PlanInput, liveKeys: Set<string>): boolean {
  if (!input.options.applyOutOfSyncOnly || task.action !== 'apply' || input.outOfSync === undefined) {
    return false;
  }
  return liveKeys.has(task.key) && !input.outOfSync.has(task.key);
}

export function planSync(input: PlanInput): SyncPlan {
  const forward = input.desired.flatMap(desiredTasks);
  const mirrored = mirrorPruneWaves(pruneCandidates(input.desired, input.live).map(pruneTask));
  const lastWave = pruneLastWave([...forward, ...mirrored]);
  const prunes = mirrored.map((task) =>
    prunesLast(task.object, input.options) ? { ...task, wave: lastWave } : task,
  );
  const plan: SyncPlan = { tasks: [], pruneSkipped: [], pruneAwaitingConfirmation: [] };
  const runnablePrunes = prunes.filter((task) => {
    const verdict = pruneVerdict(task.object, input.options, input.prune, input.pruneConfirmed ?? false);
    if (verdict === 'skip') plan.pruneSkipped.push(task.object);
    if (verdict === 'confirm') plan.pruneAwaitingConfirmation.push(task.object);
    return verdict === 'prune';
  });
  const liveKeys = new Set(input.live.map((obj) => keyString(obj)));
  plan.tasks = pullDependenciesForward([...forward, ...runnablePrunes])
    .filter((task) => !inSyncAndSkippable(task, input, liveKeys))
    .sort(compareTasks);
  return plan;
}
