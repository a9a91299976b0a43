/**
 * One controller per Flux kind: watches the kind in every namespace, keeps the objects it
 * saw (for cross-references), queues `namespace/name` keys and runs a reconciler on them
 * with a few workers. Like controller-runtime with Flux's predicates, a status-only change
 * never queues the object again: only a new generation, a reconcile request annotation or
 * a deletion does. Reconcilers say when to look again (their interval, with jitter).
 */
import { RECONCILE_REQUESTED_ANNOTATION } from '../../api/flux/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { watchCollection, type CollectionWatch, type WatchEventType } from '../../kube/watch.js';
import type { Logger } from '../../util/log.js';
import { WorkQueue } from '../workqueue.js';

export interface ReconcileOutcome {
  /** Look again after this long (the object's interval, a retry, a wait). */
  requeueAfterMs?: number;
}

export interface KindReconciler {
  reconcile(namespace: string, name: string): Promise<ReconcileOutcome>;
}

export type ChangeListener = (
  type: WatchEventType,
  obj: KubeObject,
  previous: KubeObject | undefined,
) => void;

export interface KindControllerOptions {
  home: Cluster;
  apiVersion: string;
  kind: string;
  reconciler: KindReconciler;
  log: Logger;
  workers?: number;
  /** Backoff of a reconcile that threw: doubles from this, up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Told how long each reconcile took (for gotk_reconcile_duration_seconds). */
  onReconciled?: ReconcileObserver;
}

export type ReconcileObserver = (
  object: { kind: string; namespace: string; name: string },
  ms: number,
) => void;

export const objectKey = (namespace: string, name: string): string => `${namespace}/${name}`;

export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** Whether a watch event should queue the object (Flux's GenerationChanged or ReconcileRequested). */
export function needsReconcile(
  type: WatchEventType,
  obj: KubeObject,
  previous: KubeObject | undefined,
): boolean {
  if (type !== 'MODIFIED' || !previous) return type === 'ADDED';
  const annotation = (o: KubeObject): string | undefined =>
    o.metadata.annotations?.[RECONCILE_REQUESTED_ANNOTATION];
  return (
    obj.metadata.generation !== previous.metadata.generation ||
    annotation(obj) !== annotation(previous) ||
    (obj.metadata.deletionTimestamp !== undefined && previous.metadata.deletionTimestamp === undefined)
  );
}

export class KindController {
  readonly queue = new WorkQueue();
  private readonly objects = new Map<string, KubeObject>();
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly failures = new Map<string, number>();
  private readonly listeners: ChangeListener[] = [];
  private watch: CollectionWatch | undefined;
  private running: Promise<void[]> | undefined;

  constructor(private readonly options: KindControllerOptions) {}

  get kind(): string {
    return this.options.kind;
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** The objects last seen by the watch. */
  list(): KubeObject[] {
    return [...this.objects.values()];
  }

  start(): void {
    const { home, apiVersion, kind, log } = this.options;
    this.watch = watchCollection(
      home,
      { apiVersion, kind },
      (type, obj) => this.onEvent(type, obj),
      (err) => log.debug('watch restarting', { kind, error: (err as Error).message }),
    );
    this.running = this.queue.run(
      this.options.workers ?? 2,
      (key) => this.work(key),
      (key, err) => this.onError(key, err),
    );
  }

  async stop(): Promise<void> {
    this.watch?.stop();
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue.stop();
    await this.running;
  }

  enqueue(namespace: string, name: string): void {
    this.queue.add(objectKey(namespace, name));
  }

  /** Queues the key after `ms`; a sooner pending schedule wins, a later one is replaced. */
  schedule(key: string, ms: number): void {
    const at = Date.now() + ms;
    const existing = this.timers.get(key);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.queue.add(key);
    }, ms);
    timer.unref();
    this.timers.set(key, { at, timer });
  }

  private onEvent(type: WatchEventType, obj: KubeObject): void {
    const key = objectKey(obj.metadata.namespace ?? '', obj.metadata.name ?? '');
    const previous = this.objects.get(key);
    if (type === 'DELETED') this.objects.delete(key);
    else this.objects.set(key, obj);
    if (needsReconcile(type, obj, previous)) this.queue.add(key);
    for (const listener of this.listeners) listener(type, obj, previous);
  }

  private async work(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const started = Date.now();
    const outcome = await this.options.reconciler
      .reconcile(namespace, name)
      .finally(() =>
        this.options.onReconciled?.({ kind: this.options.kind, namespace, name }, Date.now() - started),
      );
    this.failures.delete(key);
    if (outcome.requeueAfterMs !== undefined) this.schedule(key, outcome.requeueAfterMs);
  }

  private onError(key: string, err: unknown): void {
    const count = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, count);
    const base = this.options.baseBackoffMs ?? 1000;
    const delay = Math.min(base * 2 ** (count - 1), this.options.maxBackoffMs ?? 120_000);
    this.options.log.warn('reconcile failed', {
      kind: this.options.kind,
      object: key,
      error: (err as Error).message,
      retryInMs: delay,
    });
    this.schedule(key, delay);
  }
}

/** `interval` with up to +10 % jitter, as Flux's jittered requeue. */
export function withJitter(ms: number, random: () => number = Math.random): number {
  return Math.round(ms + ms * 0.1 * random());
}
