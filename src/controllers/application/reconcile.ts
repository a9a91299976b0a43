/**
 * Reconciles one Argo CD Application, as a list of steps:
 * validate → project → destination → render → compare → (operation | automated sync)
 * → status, history and events. Errors become conditions on the Application, never
 * a prune: nothing deployed changes when the source cannot be rendered.
 *
 * The steps share one `AppContext`. After the comparison, deciding is kept apart from
 * doing: `nextStep` (next-step.ts) picks one `NextStep`, `act` carries it out.
 */
import type {
  AppProject,
  Application,
  ApplicationStatus,
  Operation,
  RevisionHistory,
} from '../../api/argo/index.js';
import { ARGO_API_VERSION, defaultProject, validateApplication } from '../../api/argo/index.js';
import type { Cluster, ObjectRef } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { compare, type CompareInput, type Comparison } from '../../engine/compare.js';
import type { DryRunCache } from '../../engine/dry-run-cache.js';
import type { ManifestGenerator } from '../../engine/manifests.js';
import { appInstanceName } from '../../engine/tracking.js';
import type { Logger } from '../../util/log.js';
import type { CustomHealthCheck } from '../../health/index.js';
import type { ClusterRegistry } from '../clusters.js';
import { connectionFailure } from '../cluster-errors.js';
import { short, watchOf, type AppContext } from './context.js';
import { nextStep, type NextStep } from './next-step.js';
import { runOperation, type OperationResult } from './operation.js';
import { watchForTermination } from './terminate.js';
import { resourcesDenied, sourceOrDestinationDenied } from './permissions.js';
import { effectiveSources, renderApp } from './sources.js';
import { appendHistory, comparedStatus, mergeConditions, writeStatus, type NewConditions } from './status.js';
import { AppEvents } from './events.js';
import { finalizeDeletion } from './finalize.js';
import { SelfHealBackoff } from './self-heal-backoff.js';

export const refreshAnnotation = 'argocd.argoproj.io/refresh';

export interface ReconcilerDeps {
  home: Cluster;
  namespace: string;
  clusters: ClusterRegistry;
  manifests: ManifestGenerator;
  log: Logger;
  /** Custom health checks (argocd-cm); none when undefined. */
  healthChecks?: () => Promise<CustomHealthCheck[]>;
  now?: () => Date;
  /** How soon to look again while resources are progressing. */
  progressingRequeueMs?: number;
  errorRequeueMs?: number;
  /** Live objects the controller's watches keep; a hard refresh reads from the server instead. */
  liveObject?: CompareInput['liveObject'];
  /** Dry-run results to reuse while neither side changed; a hard refresh bypasses them. */
  dryRuns?: DryRunCache;
  /** Applications and AppProjects known from memory (the controller's watches); undefined: GET. */
  homeObject?: (ref: ObjectRef) => { object?: KubeObject } | undefined;
}

export interface ReconcileResult {
  requeueAfterMs?: number;
  /** The destination cluster and kinds this app manages, for live watches. */
  watch?: { cluster: Cluster; kinds: Array<{ apiVersion: string; kind: string }> };
}

type Failure = {
  type: 'InvalidSpecError' | 'ComparisonError' | 'SyncError' | 'ConnectionError';
  message: string;
};

/** A reconcile that ends before the comparison: why, and the cluster to keep watching (if any). */
interface Stop {
  failure: Failure;
  watch?: Cluster;
}

/** The app passed validation and its project's checks: the project and the destination cluster. */
interface Admitted {
  project: AppProject;
  cluster: Cluster;
}

/** A sync to run now, and whether automation started it. */
interface SyncToRun {
  operation: Operation;
  automated: boolean;
}

/** A sync that has run: when it started and what came of it. */
interface FinishedSync extends SyncToRun {
  startedAt: string;
  result: OperationResult;
}

export class ApplicationReconciler {
  private readonly now: () => Date;
  private readonly selfHeal = new SelfHealBackoff();
  constructor(private readonly deps: ReconcilerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** `refresh`: fetch the sources again now (a webhook or an explicit refresh request). */
  async reconcile(name: string, options: { refresh?: boolean } = {}): Promise<ReconcileResult> {
    const ref = { apiVersion: ARGO_API_VERSION, kind: 'Application', namespace: this.deps.namespace, name };
    const app = (await this.read(ref)) as Application | undefined;
    if (!app) return {};
    const events = new AppEvents(this.deps.home, app, this.deps.log);
    if (app.metadata.deletionTimestamp) {
      const { waiting } = await finalizeDeletion(this.deps, app, events);
      return waiting ? { requeueAfterMs: 1000 } : {};
    }
    const refresh = Boolean(options.refresh) || Boolean(app.metadata.annotations?.[refreshAnnotation]);
    const result = await this.reconcileApp(app, events, refresh);
    if (app.metadata.annotations?.[refreshAnnotation]) await this.clearRefreshRequest(ref);
    return result;
  }

  private read(ref: ObjectRef): Promise<KubeObject | undefined> {
    const known = this.deps.homeObject?.(ref);
    return known ? Promise.resolve(known.object) : this.deps.home.get(ref);
  }

  private async clearRefreshRequest(ref: ObjectRef): Promise<void> {
    await this.deps.home
      .jsonPatch(ref, [
        { op: 'remove', path: `/metadata/annotations/${refreshAnnotation.replace('/', '~1')}` },
      ])
      .catch(() => undefined);
  }

  private async reconcileApp(
    app: Application,
    events: AppEvents,
    refresh: boolean,
  ): Promise<ReconcileResult> {
    const admitted = await this.admit(app);
    if (isStop(admitted)) return this.fail(app, events, admitted);
    const ctx = await this.renderAndCompare(app, events, { ...admitted, refresh });
    if (isStop(ctx)) return this.fail(app, events, ctx);
    return this.act(
      ctx,
      nextStep(ctx, {
        now: this.now,
        selfHealWaitMs: () => this.selfHeal.delay(app.metadata.name ?? '', Date.now()),
      }),
    );
  }

  /** Validation, the project, and its source and destination rules; then the destination cluster. */
  private async admit(app: Application): Promise<Admitted | Stop> {
    const { errors } = validateApplication(app);
    if (errors.length) return invalidSpec(errors.join('; '));
    const project = await this.project(app);
    if (typeof project === 'string') return invalidSpec(project);
    const denied = sourceOrDestinationDenied(app, project);
    if (denied) return invalidSpec(denied);
    try {
      return { project, cluster: await this.deps.clusters.resolve(app.spec.destination) };
    } catch (err) {
      return invalidSpec((err as Error).message);
    }
  }

  private async renderAndCompare(
    app: Application,
    events: AppEvents,
    { project, cluster, refresh }: Admitted & { refresh: boolean },
  ): Promise<AppContext | Stop> {
    const instance = appInstanceName(
      app.metadata.name ?? '',
      app.metadata.namespace ?? '',
      this.deps.namespace,
    );
    try {
      const hard = hardRefreshRequested(app);
      const rendered = await renderApp(app, cluster, this.deps.manifests, { refresh, force: hard });
      const notPermitted = await resourcesDenied({ app, project, cluster, instance }, rendered.objects);
      if (notPermitted) return { failure: { type: 'SyncError', message: notPermitted } };
      const comparison = await compare({
        cluster,
        appInstance: instance,
        namespace: app.spec.destination.namespace ?? 'default',
        desired: rendered.objects,
        previous: previousResources(app),
        ignoreDifferences: app.spec.ignoreDifferences,
        customHealthChecks: await this.deps.healthChecks?.(),
        ...(hard ? {} : { liveObject: this.deps.liveObject, dryRuns: this.deps.dryRuns }),
      });
      return { app, events, cluster, rendered, comparison };
    } catch (err) {
      const failure = connectionFailure(err, cluster) ?? {
        type: 'ComparisonError' as const,
        message: (err as Error).message,
      };
      return { failure, watch: cluster };
    }
  }

  private statusFrom(ctx: AppContext, conditions: NewConditions): ApplicationStatus {
    return comparedStatus(ctx, conditions, {
      now: this.now().toISOString(),
      controllerNamespace: this.deps.namespace,
    });
  }

  /** Carries out the step decided by `nextStep`. */
  private async act(ctx: AppContext, step: NextStep): Promise<ReconcileResult> {
    const watch = watchOf(ctx);
    switch (step.kind) {
      case 'report':
        await this.writeComparison(ctx, []);
        return { watch, requeueAfterMs: this.progressingRequeueMs(ctx.comparison) };
      case 'refuse':
        await this.writeComparison(ctx, [{ type: 'SyncError', message: step.reason }]);
        return { watch };
      case 'selfHealLater':
        await this.writeComparison(ctx, []);
        return { watch, requeueAfterMs: step.waitMs };
      case 'retryLater':
        return { watch, requeueAfterMs: step.waitMs };
      case 'autoSync':
        this.startAutoSync(ctx, step.selfHeal);
        return this.operate(ctx, { operation: step.operation, automated: true });
      case 'requestedSync':
        if (step.starting) announceRequestedSync(ctx, step.operation);
        return this.operate(ctx, { operation: step.operation, automated: false });
    }
  }

  private progressingRequeueMs(comparison: Comparison): number | undefined {
    return comparison.health === 'Progressing' ? (this.deps.progressingRequeueMs ?? 2000) : undefined;
  }

  private async writeComparison(ctx: AppContext, conditions: NewConditions): Promise<void> {
    await writeStatus(this.deps.home, ctx.app, this.statusFrom(ctx, conditions));
  }

  private startAutoSync(ctx: AppContext, selfHeal: boolean): void {
    const revision = short(ctx.rendered.revision);
    if (selfHeal) {
      this.selfHeal.record(ctx.app.metadata.name ?? '', Date.now());
      ctx.events.normal('SelfHealing', `Self-healing drift: re-syncing to ${revision}`);
    } else {
      ctx.events.normal('OperationStarted', `Initiated automated sync to '${revision}'`);
    }
  }

  /** Runs the sync, then records its outcome: a scheduled retry, history, or a SyncError. */
  private async operate(ctx: AppContext, sync: SyncToRun): Promise<ReconcileResult> {
    const startedAt = this.now().toISOString();
    const termination = watchForTermination(this.deps.home, ctx.app);
    const result = await runOperation({
      app: ctx.app,
      operation: sync.operation,
      cluster: ctx.cluster,
      comparison: ctx.comparison,
      revision: ctx.rendered.revision,
      revisions: ctx.rendered.revisions,
      now: this.now,
      dryRuns: this.deps.dryRuns,
      signal: termination.signal,
    }).finally(() => termination.stop());
    const finished: FinishedSync = { ...sync, startedAt, result };
    const status = this.statusFrom(ctx, []);
    status.operationState = result.state;
    for (const r of result.outcome.results.filter((x) => x.status === 'Pruned'))
      ctx.events.normal('ResourcePruned', `Pruned ${r.kind}/${r.name}`);
    if (result.retryAfterMs !== undefined)
      return this.scheduleRetry(ctx, finished, status, result.retryAfterMs);
    if (result.state.phase !== 'Succeeded') this.recordFailure(ctx, finished, status);
    else if (!sync.operation.sync?.dryRun) this.recordSuccess(ctx, finished, status);
    await writeStatus(this.deps.home, ctx.app, status, { clear: true });
    // Look again right away: the status should show the state after the sync.
    return { requeueAfterMs: 500, watch: watchOf(ctx) };
  }

  /** Keeps the operation on the app, so the next attempt runs once `retryAfterMs` has passed. */
  private async scheduleRetry(
    ctx: AppContext,
    { operation, result }: FinishedSync,
    status: ApplicationStatus,
    retryAfterMs: number,
  ): Promise<ReconcileResult> {
    ctx.events.warning(
      'OperationRetrying',
      `Sync failed, retry #${result.state.retryCount} in ${Math.round(retryAfterMs / 1000)}s: ${result.outcome.message}`,
    );
    await writeStatus(this.deps.home, ctx.app, status, { set: operation });
    return { requeueAfterMs: retryAfterMs, watch: watchOf(ctx) };
  }

  /** Adds a history entry to `status` and says the sync succeeded. */
  private recordSuccess(ctx: AppContext, finished: FinishedSync, status: ApplicationStatus): void {
    const { app, rendered } = ctx;
    status.history = appendHistory(
      app.status?.history,
      this.historyEntry(ctx, finished),
      app.spec.revisionHistoryLimit ?? 10,
    );
    ctx.events.normal(
      'OperationCompleted',
      `Sync operation to ${short(rendered.revision)} succeeded${finished.automated ? ' (automated)' : ''}`,
    );
  }

  private historyEntry(
    { app, rendered }: AppContext,
    { operation, result, startedAt }: FinishedSync,
  ): Omit<RevisionHistory, 'id'> {
    return {
      revision: rendered.revision,
      ...(rendered.revisions.length > 1 ? { revisions: rendered.revisions } : {}),
      ...(app.spec.sources?.length
        ? { sources: effectiveSources(app) }
        : { source: effectiveSources(app)[0] }),
      deployStartedAt: result.state.startedAt ?? startedAt,
      deployedAt: result.state.finishedAt ?? this.now().toISOString(),
      initiatedBy: operation.initiatedBy ?? {},
    };
  }

  /** Sets a SyncError condition on `status` and says the sync failed. */
  private recordFailure(ctx: AppContext, { result }: FinishedSync, status: ApplicationStatus): void {
    status.conditions = mergeConditions(
      ctx.app.status?.conditions,
      [{ type: 'SyncError', message: result.outcome.message }],
      this.now().toISOString(),
    );
    ctx.events.warning(
      'OperationCompleted',
      `Sync operation to ${short(ctx.rendered.revision)} failed: ${result.outcome.message}`,
    );
  }

  private async fail(
    app: Application,
    events: AppEvents,
    { failure, watch }: Stop,
  ): Promise<ReconcileResult> {
    const now = this.now().toISOString();
    const prev = app.status ?? {};
    const known = prev.conditions?.some((c) => c.type === failure.type && c.message === failure.message);
    if (!known) events.warning(failure.type, failure.message);
    this.deps.log.warn('application error', {
      app: app.metadata.name,
      type: failure.type,
      message: failure.message,
    });
    const status: ApplicationStatus = {
      ...prev,
      sync: { ...(prev.sync ?? {}), status: 'Unknown' },
      // An unreachable cluster: its resources' health is not known any more.
      health:
        failure.type === 'ConnectionError'
          ? { status: 'Unknown', message: failure.message }
          : (prev.health ?? { status: 'Unknown' }),
      conditions: mergeConditions(prev.conditions, [failure], now),
      reconciledAt: now,
    };
    await writeStatus(this.deps.home, app, status);
    return {
      requeueAfterMs: this.deps.errorRequeueMs ?? 10_000,
      ...(watch ? { watch: { cluster: watch, kinds: [] } } : {}),
    };
  }

  private async project(app: Application): Promise<AppProject | string> {
    const name = app.spec.project || 'default';
    const project = (await this.read({
      apiVersion: ARGO_API_VERSION,
      kind: 'AppProject',
      namespace: this.deps.namespace,
      name,
    })) as AppProject | undefined;
    if (project) return project;
    if (name === 'default') return defaultProject(this.deps.namespace);
    return `application references project ${name} which does not exist`;
  }
}

function isStop<T extends object>(value: T | Stop): value is Stop {
  return 'failure' in value;
}

function invalidSpec(message: string): Stop {
  return { failure: { type: 'InvalidSpecError', message } };
}

function hardRefreshRequested(app: Application): boolean {
  return app.metadata.annotations?.[refreshAnnotation] === 'hard';
}

function announceRequestedSync({ events, rendered }: AppContext, operation: Operation): void {
  events.normal(
    'OperationStarted',
    `Initiated sync to ${short(rendered.revision)} by ${operation.initiatedBy?.username ?? 'a user'}`,
  );
}

function previousResources(app: Application): ObjectRef[] {
  return (app.status?.resources ?? []).map((r) => ({
    apiVersion: r.group ? `${r.group}/${r.version ?? ''}` : (r.version ?? 'v1'),
    kind: r.kind ?? '',
    namespace: r.namespace || undefined,
    name: r.name ?? '',
  }));
}
