/**
 * Ferry's Prometheus metrics. Per-app info gauges are read from the Applications at scrape
 * time (`argocd_app_info`, Argo CD's name and labels). Counters of syncs, prunes,
 * self-heals and rollbacks are counted from the Events Ferry records (src/kube/events.ts),
 * so the controllers need no metric calls; reconcile durations, queue depth, render cache
 * and per-cluster API requests come from small hooks wired in controllers/manager.ts;
 * git/Helm/OCI/registry request latency and errors from src/sources/requests.ts.
 */
import type { Application } from '../../api/argo/index.js';
import { ARGO_API_VERSION } from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import { eventSource } from '../../kube/events.js';
import type { KubeObject } from '../../kube/object.js';
import type { RequestCounter } from '../../kube/rest.js';
import { watchCollection, type CollectionWatch } from '../../kube/watch.js';
import type { Logger } from '../../util/log.js';
import { onSourceRequest, type SourceRequest } from '../../sources/requests.js';
import { Counter, family, Histogram } from './exposition.js';
import { summarize } from '../api/summary.js';
import { fluxReconcileDuration, listFluxObjects, renderFluxGauges } from './flux.js';

export interface MetricsSource {
  render(): Promise<string>;
}

export interface MetricsInputs {
  home: Cluster;
  namespace: string;
  log: Logger;
  /** Keys waiting in the Application work queue. */
  queueDepth?: () => number;
  /** The render cache's counters (src/render/cache.ts). */
  renderCache?: () => { hits: number; renders: number };
}

/** Event reasons (recorded by the controller or the API) and the counter each one counts. */
const counted: Record<string, (m: FerryMetrics, e: EventLike) => void> = {
  OperationCompleted: (m, e) =>
    m.syncs.inc({ name: e.app, result: e.type === 'Warning' ? 'failed' : 'succeeded' }),
  ResourcePruned: (m, e) => m.prunes.inc({ name: e.app }),
  SelfHealing: (m, e) => m.selfHeals.inc({ name: e.app }),
  RollbackRequested: (m, e) => m.rollbacks.inc({ name: e.app }),
};

interface EventLike {
  id: string;
  reason: string;
  app: string;
  type: string;
}

/** An Event Ferry recorded on an Application since `since` (ISO time), or undefined. */
export function countableEvent(event: KubeObject, since: string): EventLike | undefined {
  const e = event as KubeObject & {
    reason?: string;
    type?: string;
    firstTimestamp?: string;
    source?: { component?: string };
  };
  const involved = e.involvedObject as { kind?: string; name?: string } | undefined;
  if (e.source?.component !== eventSource || involved?.kind !== 'Application') return undefined;
  if (!e.reason || (e.firstTimestamp ?? '') < since) return undefined;
  return { id: e.metadata.name ?? '', reason: e.reason, app: involved.name ?? '', type: e.type ?? 'Normal' };
}

/** Argo CD's `argocd_app_info` labels. */
export function appInfoLabels(app: Application): Record<string, string> {
  const s = summarize(app);
  return {
    name: s.name,
    namespace: s.namespace,
    project: s.project,
    dest_server: app.spec.destination.server ?? s.cluster,
    dest_namespace: s.destNamespace,
    sync_status: s.sync,
    health_status: s.health,
    repo: s.repo,
  };
}

export class FerryMetrics implements MetricsSource {
  readonly reconcileDuration = new Histogram(
    'ferry_reconcile_duration_seconds',
    'Duration of Application reconciles.',
    [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  );
  readonly syncs = new Counter('ferry_syncs_total', 'Sync operations finished, by app and result.');
  readonly prunes = new Counter('ferry_prunes_total', 'Resources pruned, by app.');
  readonly selfHeals = new Counter('ferry_self_heals_total', 'Self-heal syncs started, by app.');
  readonly rollbacks = new Counter('ferry_rollbacks_total', 'Rollbacks requested, by app.');
  readonly notifications = new Counter(
    'ferry_notifications_total',
    'Notifications sent or failed (after retries), by provider and result.',
  );
  readonly imageAutomationPushes = new Counter(
    'ferry_image_automation_pushes_total',
    'Commits pushed by Flux ImageUpdateAutomations, by namespace and name.',
  );
  readonly imageUpdates = new Counter(
    'ferry_image_updates_total',
    'Images updated by the Argo CD Image Updater annotations, by app.',
  );
  readonly kubeRequests = new Counter(
    'ferry_kube_requests_total',
    'Kubernetes API requests, by cluster server, verb and status code.',
  );
  readonly fluxReconcileDuration = fluxReconcileDuration();
  readonly sourceRequestDuration = new Histogram(
    'ferry_source_request_duration_seconds',
    'Duration of requests to git, Helm, OCI and image registry sources, by kind, operation and result.',
    [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    { labeled: true },
  );
  readonly sourceRequestErrors = new Counter(
    'ferry_source_request_errors_total',
    'Failed requests to git, Helm, OCI and image registry sources, by kind and operation.',
  );
  private readonly seenEvents = new Set<string>();
  private readonly startedAt = new Date(Date.now() - 1000).toISOString();
  private eventWatch: CollectionWatch | undefined;
  private readonly stopSourceRequests: () => void;

  /** Subscribes to the sources' requests at once: the first fetches may precede start(). */
  constructor(private readonly inputs: MetricsInputs) {
    this.stopSourceRequests = onSourceRequest((r) => this.observeSourceRequest(r));
  }

  observeSourceRequest(r: SourceRequest): void {
    this.sourceRequestDuration.observe(r.durationMs / 1000, {
      kind: r.kind,
      operation: r.operation,
      result: r.result,
    });
    if (r.result === 'error') this.sourceRequestErrors.inc({ kind: r.kind, operation: r.operation });
  }

  /** Counts Ferry's Events from now on. */
  start(): void {
    this.eventWatch = watchCollection(
      this.inputs.home,
      { apiVersion: 'v1', kind: 'Event', namespace: this.inputs.namespace },
      (type, obj) => (type === 'DELETED' ? undefined : this.countEvent(obj)),
      (err) => this.inputs.log.debug('metrics event watch restarting', { error: (err as Error).message }),
    );
  }

  stop(): void {
    this.eventWatch?.stop();
    this.stopSourceRequests();
  }

  observeReconcile(ms: number): void {
    this.reconcileDuration.observe(ms / 1000);
  }

  observeFluxReconcile(object: { kind: string; namespace: string; name: string }, ms: number): void {
    this.fluxReconcileDuration.observe(ms / 1000, { ...object });
  }

  /** A RestClient counter: requests by cluster server, verb and status code. */
  readonly requestCounter: RequestCounter = (method, status, server) =>
    this.kubeRequests.inc({ server, method, code: String(status) });

  countEvent(event: KubeObject): void {
    const counts = countableEvent(event, this.startedAt);
    const count = counts && counted[counts.reason];
    if (!counts || !count || this.seenEvents.has(counts.id)) return;
    this.seenEvents.add(counts.id);
    if (this.seenEvents.size > 50_000) this.seenEvents.clear();
    count(this, counts);
  }

  async render(): Promise<string> {
    const apps = (await this.inputs.home.list(ARGO_API_VERSION, 'Application', {
      namespace: this.inputs.namespace,
    })) as Application[];
    const cache = this.inputs.renderCache?.();
    const flux = await listFluxObjects(this.inputs.home);
    const parts = [
      family(
        'argocd_app_info',
        'gauge',
        'Information about Applications (Argo CD compatible).',
        apps.map((a) => ({ labels: appInfoLabels(a), value: 1 })),
      ),
      this.reconcileDuration.render(),
      this.syncs.render(),
      this.prunes.render(),
      this.selfHeals.render(),
      this.rollbacks.render(),
      this.imageUpdates.render(),
      this.imageAutomationPushes.render(),
      family('ferry_workqueue_depth', 'gauge', 'Applications waiting to be reconciled.', [
        { value: this.inputs.queueDepth?.() ?? 0 },
      ]),
      family('ferry_render_cache_hits_total', 'counter', 'Renders served from the render cache.', [
        { value: cache?.hits ?? 0 },
      ]),
      family('ferry_render_cache_misses_total', 'counter', 'Renders executed (render cache misses).', [
        { value: cache?.renders ?? 0 },
      ]),
      this.kubeRequests.render(),
      this.sourceRequestDuration.render(),
      this.sourceRequestErrors.render(),
      this.notifications.render(),
      renderFluxGauges(flux),
      this.fluxReconcileDuration.render(),
    ];
    return parts.join('');
  }
}
