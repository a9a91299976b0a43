/**
 * The ApplicationSet controller: watches ApplicationSets in the control namespace and
 * the Applications they own, keeps a work queue, and generates again when an input may
 * have changed: the ApplicationSet itself, one of its Applications (for status), a
 * cluster Secret (`clustersChanged`), a git poll (`requeueAfterSeconds`, 3 min by
 * default), a webhook (`refreshAll`), or the periodic resync.
 */
import { ARGO_API_VERSION, type Application } from '../../api/argo/index.js';
import { controllingAppSet } from '../../appset/plan.js';
import { watchCollection, type CollectionWatch } from '../../kube/watch.js';
import { WorkQueue } from '../workqueue.js';
import { ApplicationSetReconciler, type AppSetReconcilerDeps } from './reconcile.js';

export interface ApplicationSetControllerOptions extends AppSetReconcilerDeps {
  workers?: number;
  /** Periodic generation of every ApplicationSet (default 180 s). */
  resyncMs?: number;
}

export class ApplicationSetController {
  readonly queue = new WorkQueue();
  private readonly reconciler: ApplicationSetReconciler;
  private readonly names = new Set<string>();
  private readonly watches: CollectionWatch[] = [];
  private readonly nudges = new Map<string, NodeJS.Timeout>();
  private resyncTimer: NodeJS.Timeout | undefined;
  private running: Promise<void[]> | undefined;
  /** Reconciles done, for metrics and tests. */
  reconciles = 0;

  constructor(private readonly options: ApplicationSetControllerOptions) {
    this.reconciler = new ApplicationSetReconciler(options);
  }

  start(): void {
    const { home, namespace, log } = this.options;
    this.watches.push(
      watchCollection(
        home,
        { apiVersion: ARGO_API_VERSION, kind: 'ApplicationSet', namespace },
        (type, obj) => {
          const name = obj.metadata.name ?? '';
          if (type === 'DELETED') this.names.delete(name);
          else {
            this.names.add(name);
            this.queue.add(name);
          }
        },
        (err) => log.warn('applicationset watch restarting', { error: (err as Error).message }),
      ),
      watchCollection(
        home,
        { apiVersion: ARGO_API_VERSION, kind: 'Application', namespace },
        (_type, obj) => {
          const owner = controllingAppSet(obj as Application);
          // Coalesce: an Application's status changes several times per sync.
          if (owner && this.names.has(owner)) this.nudge(owner, 1000);
        },
        (err) =>
          log.debug('application watch (applicationsets) restarting', { error: (err as Error).message }),
      ),
    );
    this.scheduleResync();
    this.running = this.queue.run(
      this.options.workers ?? 2,
      (name) => this.work(name),
      (name, err) => {
        log.error('applicationset reconcile failed', { appset: name, error: (err as Error).message });
        this.queue.addAfter(name, this.options.errorRequeueMs ?? 30_000);
      },
    );
  }

  async stop(): Promise<void> {
    for (const w of this.watches) w.stop();
    for (const t of this.nudges.values()) clearTimeout(t);
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.queue.stop();
    await this.running;
  }

  /** Generate every ApplicationSet again (a cluster Secret changed, a git webhook arrived). */
  refreshAll(options: { fetch?: boolean } = {}): void {
    if (options.fetch) this.reconciler.requestFetch();
    for (const name of this.names) this.queue.add(name);
  }

  /** A cluster Secret was added, changed or removed. */
  clustersChanged(): void {
    for (const name of this.names) this.nudge(name, 500);
  }

  /** Queues `name` in `ms`, once however often it is asked meanwhile (the queue's own delays may be longer). */
  private nudge(name: string, ms: number): void {
    if (this.nudges.has(name)) return;
    const timer = setTimeout(() => {
      this.nudges.delete(name);
      this.queue.add(name);
    }, ms);
    timer.unref();
    this.nudges.set(name, timer);
  }

  private async work(name: string): Promise<void> {
    const result = await this.reconciler.reconcile(name);
    this.reconciles += 1;
    if (result.requeueAfterMs !== undefined) this.queue.addAfter(name, result.requeueAfterMs);
  }

  private scheduleResync(): void {
    const base = this.options.resyncMs ?? 180_000;
    this.resyncTimer = setTimeout(
      () => {
        this.refreshAll();
        this.scheduleResync();
      },
      base + Math.random() * base * 0.1,
    );
    this.resyncTimer.unref();
  }
}
