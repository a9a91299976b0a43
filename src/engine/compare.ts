/**
 * Compares an app's desired objects with the cluster: each desired object is
 * dry-run applied (server-side, so defaults and admission are applied as they would
 * be) and diffed with the live object; tracked objects no longer desired need pruning.
 */
import type { Cluster, ObjectRef } from '../kube/cluster.js';
import { refOf } from '../kube/cluster.js';
import { UnknownKindError } from '../kube/discovery.js';
import { ApiError } from '../kube/errors.js';
import { keyString, type KubeObject } from '../kube/object.js';
import { diffObject, type DiffResult, type IgnoreDifferencesRule } from '../diff/index.js';
import {
  aggregateHealth,
  resourceHealth,
  type CustomHealthCheck,
  type HealthResult,
  type HealthStatus,
} from '../health/index.js';
import { isHook } from '../sync/plan/index.js';
import { trackedBy, withTracking } from './tracking.js';
import type { DryRunCache } from './dry-run-cache.js';

export type SyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';

export interface ResourceState {
  key: string;
  ref: ObjectRef;
  namespaced: boolean;
  desired?: KubeObject;
  live?: KubeObject;
  status: SyncStatus;
  health?: HealthResult;
  requiresPruning: boolean;
  hook: boolean;
  diff?: DiffResult;
}

export interface Comparison {
  resources: ResourceState[];
  sync: SyncStatus;
  health: HealthStatus;
  healthMessage?: string;
}

export interface CompareInput {
  cluster: Cluster;
  appInstance: string;
  namespace: string;
  desired: KubeObject[];
  /** Objects the app managed before (from its status): the prune candidates. */
  previous: ObjectRef[];
  ignoreDifferences?: IgnoreDifferencesRule[];
  customHealthChecks?: CustomHealthCheck[];
  /** Live objects (or their absence) known from memory (the controller's watches); undefined: ask the server. */
  liveObject?: (cluster: Cluster, ref: ObjectRef) => { object?: KubeObject } | undefined;
  /** Dry-run results to reuse while desired and live are unchanged; none: dry-run every time. */
  dryRuns?: DryRunCache;
}

/** Fills in the destination namespace, drops it from cluster-scoped kinds, adds tracking. */
export async function prepareDesired(
  cluster: Cluster,
  appInstance: string,
  namespace: string,
  objects: KubeObject[],
): Promise<Array<{ object: KubeObject; namespaced: boolean }>> {
  return Promise.all(
    objects.map(async (obj) => {
      let namespaced = obj.metadata.namespace !== undefined;
      try {
        namespaced = (await cluster.resourceFor(obj.apiVersion, obj.kind)).namespaced;
      } catch (err) {
        if (!(err instanceof UnknownKindError)) throw err;
        // A kind whose CRD comes in the same sync: assume namespaced unless it says otherwise.
        namespaced = !objects.some(
          (o) => o.kind === 'CustomResourceDefinition' && crdScope(o, obj) === 'Cluster',
        );
      }
      const { namespace: _ns, ...meta } = obj.metadata;
      const placed = {
        ...obj,
        metadata: namespaced ? { ...meta, namespace: obj.metadata.namespace ?? namespace } : meta,
      };
      return { object: withTracking(appInstance, placed), namespaced };
    }),
  );
}

function crdScope(crd: KubeObject, obj: KubeObject): string | undefined {
  const spec = crd.spec as { names?: { kind?: string }; scope?: string; group?: string } | undefined;
  return spec?.names?.kind === obj.kind && obj.apiVersion.startsWith(`${spec.group}/`)
    ? spec.scope
    : undefined;
}

export async function compare(input: CompareInput): Promise<Comparison> {
  const prepared = await prepareDesired(input.cluster, input.appInstance, input.namespace, input.desired);
  const desiredKeys = new Set(prepared.map((p) => keyString(p.object)));
  const states = await Promise.all(prepared.map((p) => compareOne(input, p.object, p.namespaced)));
  const pruneCandidates = input.previous.filter((ref) => !desiredKeys.has(refKey(ref)));
  const orphans = await Promise.all(pruneCandidates.map((ref) => pruneState(input, ref)));
  const resources = [...states, ...orphans.filter((s): s is ResourceState => s !== undefined)];
  const counted = resources.filter((r) => !r.hook);
  const sync: SyncStatus = counted.every((r) => r.status === 'Synced') ? 'Synced' : 'OutOfSync';
  const healthy = counted.filter((r) => r.health && !r.requiresPruning);
  const health = aggregateHealth(healthy.map((r) => r.health!.status));
  const worst = healthy.find((r) => r.health!.status === health && r.health!.message);
  return { resources, sync, health, healthMessage: worst?.health?.message };
}

function refKey(ref: ObjectRef): string {
  return keyString({
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: ref.name, namespace: ref.namespace },
  });
}

async function compareOne(
  input: CompareInput,
  desired: KubeObject,
  namespaced: boolean,
): Promise<ResourceState> {
  const ref = refOf(desired);
  const base = {
    key: keyString(desired),
    ref,
    namespaced,
    desired,
    hook: isHook(desired),
    requiresPruning: false,
  };
  if (base.hook) return { ...base, status: 'Synced' };
  const { live, predicted, error: dryRunError } = await dryRunDesired(input, desired, ref);
  const diff = diffObject(predicted ?? desired, live, {
    ignoreDifferences: input.ignoreDifferences,
    mode: predicted ? 'full' : 'desired-subset',
  });
  const health: HealthResult = live
    ? (resourceHealth(live, { customChecks: input.customHealthChecks }) ?? { status: 'Healthy' })
    : { status: 'Missing', message: dryRunError ?? 'resource does not exist' };
  return { ...base, live, diff, status: diff.equal && !dryRunError ? 'Synced' : 'OutOfSync', health };
}

interface DryRunOutcome {
  live?: KubeObject;
  /** The server's dry-run result; undefined when the object could not be dry-run. */
  predicted?: KubeObject;
  /** Why the server refused the object, when it did. */
  error?: string;
}

/** Reads the live object and dry-run applies the desired one. */
async function dryRunDesired(
  input: CompareInput,
  desired: KubeObject,
  ref: ObjectRef,
): Promise<DryRunOutcome> {
  const outcome: DryRunOutcome = {};
  try {
    outcome.live = await readLive(input, ref);
    outcome.predicted = await dryRun(input, desired, outcome.live);
  } catch (err) {
    // Missing namespace or CRD, or an object the server refuses: it cannot be dry-run;
    // compare the manifest as written and let the sync report the server's answer.
    if (!cannotDryRun(err)) throw err;
    if (err instanceof ApiError && err.status !== 404) outcome.error = err.message;
  }
  return outcome;
}

function readLive(input: CompareInput, ref: ObjectRef): Promise<KubeObject | undefined> {
  const known = input.liveObject?.(input.cluster, ref);
  return known ? Promise.resolve(known.object) : input.cluster.get(ref);
}

/** The server's dry-run answer; a remembered one when neither side changed since (only for existing objects). */
async function dryRun(
  input: CompareInput,
  desired: KubeObject,
  live: KubeObject | undefined,
): Promise<KubeObject> {
  const { cluster, dryRuns } = input;
  const known = live && dryRuns?.get(cluster.server, desired, live);
  if (known) return known;
  const predicted = await cluster.apply(desired, { dryRun: true });
  if (live && dryRuns) dryRuns.set(cluster.server, desired, live, predicted);
  return predicted;
}

function cannotDryRun(err: unknown): boolean {
  return (
    err instanceof UnknownKindError || (err instanceof ApiError && err.status >= 400 && err.status < 500)
  );
}

async function pruneState(input: CompareInput, ref: ObjectRef): Promise<ResourceState | undefined> {
  let live: KubeObject | undefined;
  try {
    live = await readLive(input, ref);
  } catch (err) {
    if (err instanceof UnknownKindError) return undefined;
    throw err;
  }
  // Only what still carries this app's tracking id is ours to prune.
  if (!live || trackedBy(live) !== input.appInstance || live.metadata.deletionTimestamp) return undefined;
  return {
    key: keyString(live),
    ref,
    namespaced: Boolean(ref.namespace),
    live,
    status: 'OutOfSync',
    requiresPruning: true,
    hook: false,
    health: resourceHealth(live, { customChecks: input.customHealthChecks }),
  };
}
