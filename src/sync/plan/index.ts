/**
 * Sync planning, the pure half of an Argo CD style sync (after gitops-engine's pkg/sync). Plain
 * objects in, plain data out: no I/O, no clock.
 *
 * - Phases: PreSync hooks, then Sync (resources and Sync hooks), then PostSync hooks; SyncFail
 *   hooks only when the sync failed. Hooks come from `argocd.argoproj.io/hook` or, failing that,
 *   Helm's `helm.sh/hook` (hooks.ts). "Skip" leaves a resource unapplied.
 * - Waves: `argocd.argoproj.io/sync-wave` (else `helm.sh/hook-weight`), default 0, lower first;
 *   each wave must be healthy before the next (wave.ts).
 * - Within a wave: prunes first, then kinds in Helm's install order, then names (order.ts,
 *   kind-order.ts). Namespaces and CRDs move up to the wave of their first user
 *   (dependencies.ts).
 * - Pruning: undesired live objects, highest wave first; PruneLast puts them in a final wave;
 *   Prune=false and a sync without prune report them instead (prune.ts).
 * - Options: the Application's syncOptions and the per-resource `argocd.argoproj.io/sync-options`
 *   annotation (sync-options.ts). Retry backoff of a failed sync (retry.ts) over Go durations
 *   (duration.ts).
 *
 * planSync (plan.ts) puts these together.
 */
export { ANNOTATION } from './annotations.js';
export { InvalidDurationError, formatDuration, parseDuration } from './duration.js';
export {
  DEFAULT_RETRY_BACKOFF,
  UNLIMITED_SCHEDULE_LENGTH,
  type RetryStrategy,
  parseBackoffDuration,
  retryAllowed,
  retryDelay,
  retrySchedule,
} from './retry.js';
export {
  DEFAULT_SYNC_OPTIONS,
  type PrunePropagationPolicy,
  type ResourceOptionKey,
  type ResourceSyncOptions,
  type SyncOptions,
  effectiveSyncOptions,
  parseSyncOptions,
  resourceSyncOptions,
} from './sync-options.js';
export { syncWave } from './wave.js';
export {
  type HookDeletePolicy,
  type HookType,
  hookDeletePolicies,
  hookTypes,
  isHook,
  isSkipped,
  syncPhases,
} from './hooks.js';
export { KIND_ORDER, kindOrder } from './kind-order.js';
export {
  SYNC_PHASES,
  type SyncAction,
  type SyncPhase,
  type SyncTask,
  type TaskGroup,
  compareSlots,
  compareTasks,
  groupByPhaseAndWave,
  phaseOrder,
} from './order.js';
export { pullDependenciesForward } from './dependencies.js';
export {
  type PruneVerdict,
  mirrorPruneWaves,
  pruneCandidates,
  pruneLastWave,
  pruneTask,
  pruneVerdict,
  prunesLast,
} from './prune.js';
export { type PlanInput, type SyncPlan, planSync } from './plan.js';
