/**
 * Follows a collection with one watch and counts the objects that are "done" (an
 * Application Synced+Healthy, a Deployment Available, a HelmRelease Ready). Phases
 * wait on the count; the moment it is reached is taken when the event arrives.
 */
import { watchCollection, type CollectionWatch } from '../../src/kube/watch.js';
import type { KubeObject } from '../../src/kube/object.js';
import { now, sleep } from '../util/time.js';
import type { BenchKube } from './client.js';

export interface TrackerOptions {
  apiVersion: string;
  kind: string;
  namespace?: string;
  /** Which objects belong to the phase (e.g. by namespace prefix). */
  select: (obj: KubeObject) => boolean;
  done: (obj: KubeObject) => boolean;
  /** An earlier step to time as well (e.g. Synced before Healthy): when `count` objects passed it. */
  milestone?: { count: number; reached: (obj: KubeObject) => boolean };
}

export class Tracker {
  private readonly doneKeys = new Set<string>();
  private readonly seenKeys = new Set<string>();
  private readonly objects = new Map<string, KubeObject>();
  private readonly milestoneKeys = new Set<string>();
  /** Monotonic time at which the milestone was reached, if it was. */
  milestoneAt: number | undefined;
  private readonly watch: CollectionWatch;
  private waiter: { target: number; resolve: (at: number) => void } | undefined;

  constructor(
    kube: BenchKube,
    private readonly options: TrackerOptions,
  ) {
    kube.count('LIST');
    kube.count('WATCH');
    this.watch = watchCollection(kube.cluster, options, (type, obj) => this.onEvent(type, obj));
  }

  get done(): number {
    return this.doneKeys.size;
  }

  get seen(): number {
    return this.seenKeys.size;
  }

  object(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(`${namespace ?? ''}/${name}`);
  }

  /** Resolves with the monotonic time at which `target` objects were done. */
  async until(target: number, timeoutMs: number, onProgress?: (done: number) => void): Promise<number> {
    if (this.done >= target) return now();
    const reached = new Promise<number>((resolve) => (this.waiter = { target, resolve }));
    const deadline = now() + timeoutMs;
    for (;;) {
      const at = await Promise.race([reached, sleep(500).then(() => undefined)]);
      if (at !== undefined) return at;
      onProgress?.(this.done);
      if (now() > deadline) {
        this.waiter = undefined;
        throw new Error(`${this.options.kind}: ${this.done}/${target} done after ${timeoutMs / 1000} s`);
      }
    }
  }

  stop(): void {
    this.watch.stop();
  }

  private onMilestone(key: string, obj: KubeObject): void {
    const m = this.options.milestone;
    if (!m || this.milestoneAt !== undefined || !m.reached(obj)) return;
    this.milestoneKeys.add(key);
    if (this.milestoneKeys.size >= m.count) this.milestoneAt = now();
  }

  private onEvent(type: string, obj: KubeObject): void {
    if (!this.options.select(obj)) return;
    const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
    if (type === 'DELETED') {
      this.doneKeys.delete(key);
      this.objects.delete(key);
      return;
    }
    this.seenKeys.add(key);
    this.objects.set(key, obj);
    if (this.options.done(obj)) this.doneKeys.add(key);
    else this.doneKeys.delete(key);
    this.onMilestone(key, obj);
    if (this.waiter && this.done >= this.waiter.target) {
      this.waiter.resolve(now());
      this.waiter = undefined;
    }
  }
}

interface Condition {
  type: string;
  status: string;
}

function conditions(obj: KubeObject): Condition[] {
  return (obj.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
}

/** Argo CD's sync status alone: the desired state is applied (health may still be progressing). */
export function appSynced(obj: KubeObject): boolean {
  return (obj.status as { sync?: { status?: string } } | undefined)?.sync?.status === 'Synced';
}

/** Argo CD's view: Synced, Healthy, and no operation in flight. */
export function appConverged(obj: KubeObject): boolean {
  const status = obj.status as { sync?: { status?: string }; health?: { status?: string } } | undefined;
  return status?.sync?.status === 'Synced' && status.health?.status === 'Healthy' && !obj.operation;
}

/** A Deployment whose rollout is complete (as `kubectl rollout status` decides). */
export function deploymentAvailable(obj: KubeObject): boolean {
  const spec = obj.spec as { replicas?: number } | undefined;
  const status = obj.status as
    { observedGeneration?: number; updatedReplicas?: number; availableReplicas?: number } | undefined;
  const want = spec?.replicas ?? 1;
  return (
    (status?.observedGeneration ?? 0) >= (obj.metadata.generation ?? 0) &&
    (status?.updatedReplicas ?? 0) >= want &&
    (status?.availableReplicas ?? 0) >= want
  );
}

/** Flux's view of a HelmRelease: Ready=True for the current generation. */
export function helmReleaseReady(obj: KubeObject): boolean {
  const observed = (obj.status as { observedGeneration?: number } | undefined)?.observedGeneration ?? 0;
  const ready = conditions(obj).some((c) => c.type === 'Ready' && c.status === 'True');
  return ready && observed >= (obj.metadata.generation ?? 0);
}
