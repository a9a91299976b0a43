/**
 * The Application controller: watches Applications in the control namespace, keeps a
 * work queue, reconciles with a few workers, resyncs periodically (with jitter), and
 * watches managed kinds so drift is noticed in seconds.
 */
import { ARGO_API_VERSION } from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import { watchCollection, type CollectionWatch } from '../../kube/watch.js';
import type { Logger } from '../../util/log.js';
import { WorkQueue } from '../workqueue.js';
import { LiveWatches } from '../live-watches.js';
import { DryRunCache } from '../../engine/dry-run-cache.js';
import { ApplicationReconciler, type ReconcilerDeps } from './reconcile.js';
import { AppChanges } from './app-changes.js';
import { HomeObjects } from './home-objects.js';

export interface ApplicationControllerOptions extends ReconcilerDeps {
  workers?: number;
  /** Periodic refresh of every app (Argo CD's timeout.reconciliation, default 180 s). */
  resyncMs?: number;
  log: Logger;
  /** Told how long each reconcile took (metrics). */
  onReconciled?: (app: string, ms: number) => void;
  /** How long a change seen by a live watch waits, so a burst of them (a rollout) is one reconcile. */
  liveChangeDelayMs?: number;
}

export class ApplicationController {
  readonly queue = new WorkQueue();
  private readonly reconciler: ApplicationReconciler;
  private readonly live: LiveWatches;
  private readonly names = new Set<string>();
  private readonly changes = new AppChanges();
  private readonly homeObjects: HomeObjects;
  private projectWatch: CollectionWatch | undefined;
  private readonly refreshRequested = new Set<string>();
  private appWatch: CollectionWatch | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private running: Promise<void[]> | undefined;
  /** Reconciles done, for metrics and tests. */
  reconciles = 0;

  constructor(private readonly options: ApplicationControllerOptions) {
    this.live = new LiveWatches((instance) => this.onLiveChange(instance), options.log);
    this.homeObjects = new HomeObjects(options.home, options.namespace);
    this.reconciler = new ApplicationReconciler({
      ...options,
      homeObject: (ref) => this.homeObjects.lookup(ref),
      liveObject: (cluster, ref) => this.live.lookup(cluster, ref),
      dryRuns: new DryRunCache(),
    });
  }

  get home(): Cluster {
    return this.options.home;
  }

  start(): void {
    const { home, namespace, log } = this.options;
    this.appWatch = watchCollection(
      home,
      {
        apiVersion: ARGO_API_VERSION,
        kind: 'Application',
        namespace,
        onSync: (synced) => this.homeObjects.setSynced('Application', synced),
      },
      (type, obj) => {
        // Memory first: the reconcile this event queues must read the app it brought.
        if (this.homeObjects.observe(type, obj) === 'stale') return;
        const name = obj.metadata.name ?? '';
        if (type === 'DELETED') {
          this.names.delete(name);
          this.changes.forget(name);
          return;
        }
        this.names.add(name);
        // Only status changed (this controller's own write): nothing new to act on.
        if (this.changes.seen(obj) || type === 'ADDED') this.queue.add(name);
      },
      (err) => log.warn('application watch restarting', { error: (err as Error).message }),
    );
    this.projectWatch = this.homeObjects.watchProjects(log);
    this.scheduleResync();
    this.running = this.queue.run(
      this.options.workers ?? 4,
      (name) => this.work(name),
      (name, err) => {
        log.error('reconcile failed', { app: name, error: (err as Error).message });
        this.queue.addAfter(name, this.options.errorRequeueMs ?? 10_000);
      },
    );
  }

  async stop(): Promise<void> {
    this.appWatch?.stop();
    this.projectWatch?.stop();
    this.live.stop();
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.queue.stop();
    await this.running;
  }

  /** Refresh one app now (webhook, CLI). */
  /** Refresh one app now, fetching its sources again (webhook, CLI). */
  refresh(name: string): void {
    this.refreshRequested.add(name);
    this.queue.add(name);
  }

  private async work(name: string): Promise<void> {
    const started = Date.now();
    const refresh = this.refreshRequested.delete(name);
    const result = await this.reconciler.reconcile(name, { refresh });
    this.reconciles += 1;
    this.options.onReconciled?.(name, Date.now() - started);
    this.options.log.debug('reconciled', { app: name, ms: Date.now() - started });
    if (result.watch) this.live.ensure(result.watch.cluster, result.watch.kinds);
    if (result.requeueAfterMs !== undefined) this.queue.addAfter(name, result.requeueAfterMs);
  }

  private onLiveChange(instance: string): void {
    const sep = instance.indexOf('_');
    const name = sep < 0 ? instance : instance.slice(sep + 1);
    if (this.names.has(name)) this.queue.addAfter(name, this.options.liveChangeDelayMs ?? 500);
  }

  private scheduleResync(): void {
    const base = this.options.resyncMs ?? 180_000;
    const jitter = Math.random() * base * 0.1;
    this.resyncTimer = setTimeout(() => {
      for (const name of this.names) this.queue.add(name);
      this.scheduleResync();
    }, base + jitter);
    this.resyncTimer.unref();
  }
}
