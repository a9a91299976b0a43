/**
 * A sync task and the one order tasks run in: phase, wave, then within a wave prunes before
 * applies (gitops-engine runs a wave's prunes first), then kind order (reversed among prunes, so
 * workloads go before their namespace), then name. Namespace and key break remaining ties so the
 * order is total.
 */
import type { KubeObject } from '../../kube/object.js';
import { kindOrder } from './kind-order.js';

export type SyncPhase = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail';

export const SYNC_PHASES: readonly SyncPhase[] = Object.freeze(['PreSync', 'Sync', 'PostSync', 'SyncFail']);

export type SyncAction = 'apply' | 'create-hook' | 'prune';

export interface SyncTask {
  /** keyString of the object; a hook known only by generateName uses that in place of the name. */
  key: string;
  /** The desired object (apply, create-hook) or the live one (prune). */
  object: KubeObject;
  phase: SyncPhase;
  wave: number;
  hook: boolean;
  action: SyncAction;
}

export function phaseOrder(phase: SyncPhase): number {
  return SYNC_PHASES.indexOf(phase);
}

/** Compares where two tasks run: phase, then wave. */
export function compareSlots(
  a: Pick<SyncTask, 'phase' | 'wave'>,
  b: Pick<SyncTask, 'phase' | 'wave'>,
): number {
  return phaseOrder(a.phase) - phaseOrder(b.phase) || a.wave - b.wave;
}

function byteOrder(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function nameOf(obj: KubeObject): string {
  return obj.metadata.name ?? obj.metadata.generateName ?? '';
}

function kindRank(task: SyncTask): number {
  const order = kindOrder(task.object.kind);
  return task.action === 'prune' ? -order : order;
}

function pruneRank(task: SyncTask): number {
  return task.action === 'prune' ? 0 : 1;
}

export function compareTasks(a: SyncTask, b: SyncTask): number {
  return (
    compareSlots(a, b) ||
    pruneRank(a) - pruneRank(b) ||
    kindRank(a) - kindRank(b) ||
    byteOrder(nameOf(a.object), nameOf(b.object)) ||
    byteOrder(a.object.metadata.namespace ?? '', b.object.metadata.namespace ?? '') ||
    byteOrder(a.key, b.key)
  );
}

export interface TaskGroup {
  phase: SyncPhase;
  wave: number;
  tasks: SyncTask[];
}

/** The tasks, sorted, cut into one group per (phase, wave) in run order. */
export function groupByPhaseAndWave(tasks: SyncTask[]): TaskGroup[] {
  const groups: TaskGroup[] = [];
  for (const task of [...tasks].sort(compareTasks)) {
    const last = groups[groups.length - 1];
    if (last !== undefined && compareSlots(last, task) === 0) last.tasks.push(task);
    else groups.push({ phase: task.phase, wave: task.wave, tasks: [task] });
  }
  return groups;
}
