/**
 * The notification controllers: one watch on Events in every namespace feeds Flux's
 * Alerts (Events on Flux objects) and Ferry's Argo CD event triggers (Events on
 * Applications); the Argo CD notifier also watches Applications. Only Events recorded
 * after start count, so a restart does not replay history. See README.md.
 */
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { watchCollection, type CollectionWatch } from '../../kube/watch.js';
import type { Logger } from '../../util/log.js';
import { ArgoNotifier } from './argo-notifier.js';
import type { NotificationCounter } from './delivery.js';
import { FluxAlerts } from './flux-alerts.js';
import type { SendOptions } from '../../notifications/sender.js';

export interface NotificationControllerOptions {
  home: Cluster;
  namespace: string;
  log: Logger;
  count?: NotificationCounter;
  /** Retry policy and timeout of deliveries (tests shorten the back-off). */
  send?: SendOptions;
  resyncMs?: number;
}

export class NotificationController {
  readonly flux: FluxAlerts;
  readonly argo: ArgoNotifier;
  private events: CollectionWatch | undefined;
  private readonly seen = new Set<string>();
  private readonly startedAt = Date.now() - 2000;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: NotificationControllerOptions) {
    this.flux = new FluxAlerts(options);
    this.argo = new ArgoNotifier(options);
  }

  start(): void {
    this.argo.start();
    this.events = watchCollection(
      this.options.home,
      { apiVersion: 'v1', kind: 'Event' },
      (type, event) => (type === 'DELETED' ? undefined : this.onEvent(event)),
      (err) =>
        this.options.log.debug('notification event watch restarting', { error: (err as Error).message }),
    );
  }

  async stop(): Promise<void> {
    this.events?.stop();
    await this.argo.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  private onEvent(event: KubeObject): void {
    const e = event as KubeObject & {
      count?: number;
      lastTimestamp?: string;
      eventTime?: string;
      firstTimestamp?: string;
    };
    const at = Date.parse(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '');
    if (!(at >= Math.floor(this.startedAt / 1000) * 1000)) return;
    const id = `${event.metadata.uid ?? event.metadata.name ?? ''}:${e.count ?? 1}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    if (this.seen.size > 50_000) this.seen.clear();
    const work = Promise.all([this.flux.handle(event), this.argo.handleEvent(event)])
      .then(() => undefined)
      .catch((err: unknown) =>
        this.options.log.warn('notification for event failed', {
          event: event.metadata.name,
          error: (err as Error).message,
        }),
      );
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}
