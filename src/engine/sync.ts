/**
 * Carries out a sync: creates the destination namespace when asked, then runs the
 * plan phase by phase and wave by wave (apply, hooks, prune), waiting for each wave
 * to become healthy before the next, as Argo CD does. Returns what happened to each
 * resource; never throws for a resource failure, so the caller can record it.
 */
import type { Cluster } from '../kube/cluster.js';
import { refOf } from '../kube/cluster.js';
import { keyString, type KubeObject } from '../kube/object.js';
import { resourceHealth } from '../health/index.js';
import {
  groupByPhaseAndWave,
  hookDeletePolicies,
  planSync,
  type SyncOptions,
  type SyncPhase,
  type SyncPlan,
  type SyncTask,
} from '../sync/plan/index.js';
import type { Comparison } from './compare.js';
import type { DryRunCache } from './dry-run-cache.js';
import { pause, terminatedMessage, waitForHealthy, waitForHook } from './wait.js';

export type ResourceResultStatus = 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';

export interface ResourceResult {
  key: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
  status: ResourceResultStatus;
  message: string;
  syncPhase: SyncPhase;
  hookPhase?: 'Succeeded' | 'Failed' | 'Running';
}

export interface SyncRequest {
  cluster: Cluster;
  comparison: Comparison;
  options: SyncOptions;
  prune: boolean;
  namespace: string;
  dryRun?: boolean;
  /** Only these resource keys (keyString); all when undefined. */
  only?: Set<string>;
  waveTimeoutMs?: number;
  onProgress?: (message: string) => void;
  /**
   * Told what each apply returned: applying the same object again to that result is a
   * no-op, so the result is also the dry-run answer the next comparison would get.
   */
  dryRuns?: DryRunCache;
  /** Aborted when the operation is terminated: waiting stops and no further wave starts. */
  signal?: AbortSignal;
}

export interface SyncOutcome {
  phase: 'Succeeded' | 'Failed';
  message: string;
  results: ResourceResult[];
}

export async function executeSync(req: SyncRequest): Promise<SyncOutcome> {
  const results: ResourceResult[] = [];
  try {
    if (req.options.createNamespace && !req.dryRun) await ensureNamespace(req.cluster, req.namespace);
    const plan = planFor(req);
    for (const obj of plan.pruneSkipped)
      results.push(result(obj, 'PruneSkipped', 'ignored (requires pruning)', 'Sync'));
    const failed = await runWaves(req, plan.tasks, results);
    if (req.signal?.aborted) return { phase: 'Failed', message: terminatedMessage, results };
    if (failed) return await fail(req, plan.tasks, results, failed);
    const verb = req.dryRun ? 'dry run' : 'sync';
    return {
      phase: 'Succeeded',
      message: `successfully synced (${verb}, ${results.length} resource(s))`,
      results,
    };
  } catch (err) {
    return { phase: 'Failed', message: (err as Error).message, results };
  }
}

/** Plans the sync of the compared resources, limited to `req.only` when given. */
function planFor(req: SyncRequest): SyncPlan {
  const resources = req.comparison.resources.filter((r) => !req.only || req.only.has(r.key));
  return planSync({
    desired: resources.filter((r) => r.desired).map((r) => r.desired!),
    live: resources.filter((r) => r.live).map((r) => r.live!),
    outOfSync: new Set(resources.filter((r) => r.status !== 'Synced').map((r) => r.key)),
    options: req.options,
    prune: req.prune,
  });
}

/**
 * Runs the waves in order, waiting for each (but the last) to become healthy before
 * the next. Returns the first failure message, or undefined when every wave succeeded.
 */
async function runWaves(
  req: SyncRequest,
  tasks: SyncTask[],
  results: ResourceResult[],
): Promise<string | undefined> {
  const progress = req.onProgress ?? (() => undefined);
  const groups = groupByPhaseAndWave(tasks.filter((t) => t.phase !== 'SyncFail'));
  for (const [i, group] of groups.entries()) {
    if (req.signal?.aborted) return terminatedMessage;
    progress(`${group.phase} wave ${group.wave}: ${group.tasks.length} resource(s)`);
    const failed = await runGroup(req, group.tasks, results);
    if (failed) return failed;
    const isLastWave = i === groups.length - 1;
    if (isLastWave || req.dryRun) continue;
    const unhealthy = await waitForWaveHealthy(req, group.tasks);
    if (unhealthy) return unhealthy;
  }
  return undefined;
}

/** Waits for the objects a wave applied to become healthy; returns why not, or undefined. */
function waitForWaveHealthy(req: SyncRequest, tasks: SyncTask[]): Promise<string | undefined> {
  const applied = tasks.filter((t) => t.action === 'apply').map((t) => t.object);
  return waitForHealthy(req.cluster, applied, req.waveTimeoutMs ?? 300_000, req.signal);
}

async function fail(
  req: SyncRequest,
  tasks: SyncTask[],
  results: ResourceResult[],
  message: string,
): Promise<SyncOutcome> {
  const syncFail = tasks.filter((t) => t.phase === 'SyncFail');
  if (syncFail.length && !req.dryRun) await runGroup(req, syncFail, results);
  return { phase: 'Failed', message, results };
}

/** Runs one wave's tasks concurrently; returns a failure message, or undefined. */
async function runGroup(
  req: SyncRequest,
  tasks: SyncTask[],
  results: ResourceResult[],
): Promise<string | undefined> {
  const outcomes = await Promise.all(tasks.map((t) => runTask(req, t)));
  results.push(...outcomes);
  const failed = outcomes.filter((o) => o.status === 'SyncFailed' || o.hookPhase === 'Failed');
  return failed.length ? failed.map((f) => `${f.kind}/${f.name}: ${f.message}`).join('; ') : undefined;
}

async function runTask(req: SyncRequest, task: SyncTask): Promise<ResourceResult> {
  const { cluster, dryRun } = req;
  try {
    if (task.action === 'prune') {
      if (!dryRun) await cluster.delete(refOf(task.object), propagation(req.options));
      return result(task.object, 'Pruned', dryRun ? 'pruned (dry run)' : 'pruned', task.phase);
    }
    if (task.action === 'create-hook') return await runHook(req, task);
    if (dryRun) {
      await cluster.apply(task.object, { dryRun: true });
      return result(
        task.object,
        'Synced',
        `${task.object.kind.toLowerCase()}/${task.object.metadata.name} configured (dry run)`,
        task.phase,
      );
    }
    const applied = req.options.replace
      ? await cluster.replace(task.object)
      : await applyRemembered(req, task.object);
    const health = resourceHealth(applied);
    return result(
      task.object,
      'Synced',
      `${task.object.kind.toLowerCase()}/${task.object.metadata.name} ${health ? 'configured' : 'synced'}`,
      task.phase,
    );
  } catch (err) {
    return result(task.object, 'SyncFailed', (err as Error).message, task.phase);
  }
}

async function applyRemembered(req: SyncRequest, obj: KubeObject): Promise<KubeObject> {
  const applied = await req.cluster.apply(obj);
  req.dryRuns?.set(req.cluster.server, obj, applied, applied);
  return applied;
}

async function runHook(req: SyncRequest, task: SyncTask): Promise<ResourceResult> {
  const { cluster, dryRun, signal } = req;
  const policies = hookDeletePolicies(task.object);
  if (dryRun)
    return { ...result(task.object, 'Synced', 'hook (dry run)', task.phase), hookPhase: 'Succeeded' };
  if (policies.includes('BeforeHookCreation') && task.object.metadata.name) {
    await cluster.delete(refOf(task.object), 'Foreground');
    await waitGone(cluster, task.object, signal);
  }
  const created = await cluster.create(task.object);
  const outcome = await waitForHook(cluster, created, undefined, signal);
  const deleteNow =
    (outcome.phase === 'Succeeded' && policies.includes('HookSucceeded')) ||
    (outcome.phase === 'Failed' && policies.includes('HookFailed'));
  if (deleteNow) await cluster.delete(refOf(created), 'Background');
  return {
    ...result(created, outcome.phase === 'Succeeded' ? 'Synced' : 'SyncFailed', outcome.message, task.phase),
    hookPhase: outcome.phase,
  };
}

async function waitGone(cluster: Cluster, obj: KubeObject, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !signal?.aborted && (await cluster.get(refOf(obj))))
    await pause(250, signal);
}

async function ensureNamespace(cluster: Cluster, name: string): Promise<void> {
  if (await cluster.get({ apiVersion: 'v1', kind: 'Namespace', name })) return;
  await cluster.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

function propagation(options: SyncOptions): 'Foreground' | 'Background' | 'Orphan' {
  const p = options.prunePropagationPolicy;
  return p === 'background' ? 'Background' : p === 'orphan' ? 'Orphan' : 'Foreground';
}

function result(
  obj: KubeObject,
  status: ResourceResultStatus,
  message: string,
  syncPhase: SyncPhase,
): ResourceResult {
  const key = keyString(obj);
  const [group = '', kind = '', namespace = '', name = ''] = key.split('/');
  return { key, group, kind, namespace, name, status, message, syncPhase };
}
