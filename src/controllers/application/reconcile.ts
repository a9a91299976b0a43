/**
 * Reconciles one Argo CD Application, as a list of steps:
 * validate → project → destination → render → compare → (operation | automated sync)
 * → status, history and events. Errors become conditions on the Application, never
 * a prune: nothing deployed changes when the source cannot be rendered.
 */
import type {
  AppProject,
  Application,
  ApplicationCondition,
  ApplicationStatus,
  Operation,
} from '../../api/argo/index.js';
import { ARGO_API_VERSION } from '../../api/argo/index.js';
import {
  checkDestinationAllowed,
  checkResourceAllowed,
  checkSourceAllowed,
  defaultProject,
  validateApplication,
} from '../../api/argo/index.js';
import type { Cluster, ObjectRef } from '../../kube/cluster.js';
import { groupOf, type KubeObject } from '../../kube/object.js';
import { compare, prepareDesired, type Comparison } from '../../engine/compare.js';
import type { ManifestGenerator } from '../../engine/manifests.js';
import { appInstanceName } from '../../engine/tracking.js';
import type { Logger } from '../../util/log.js';
import type { ClusterRegistry } from '../clusters.js';
import { decideAutoSync } from './automation.js';
import { retryWaitMs, runOperation } from './operation.js';
import { effectiveSources, renderApp, type RenderedApp } from './sources.js';
import { appendHistory, mergeConditions, resourceStatuses, writeStatus } from './status.js';
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
  now?: () => Date;
  /** How soon to look again while resources are progressing. */
  progressingRequeueMs?: number;
  errorRequeueMs?: number;
}

export interface ReconcileResult {
  requeueAfterMs?: number;
  /** The destination cluster and kinds this app manages, for live watches. */
  watch?: { cluster: Cluster; kinds: Array<{ apiVersion: string; kind: string }> };
}

type Failure = { type: 'InvalidSpecError' | 'ComparisonError' | 'SyncError'; message: string };

export class ApplicationReconciler {
  private readonly now: () => Date;
  private readonly selfHeal = new SelfHealBackoff();
  constructor(private readonly deps: ReconcilerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async reconcile(name: string): Promise<ReconcileResult> {
    const ref = { apiVersion: ARGO_API_VERSION, kind: 'Application', namespace: this.deps.namespace, name };
    const app = (await this.deps.home.get(ref)) as Application | undefined;
    if (!app) return {};
    const events = new AppEvents(this.deps.home, app, this.deps.log);
    if (app.metadata.deletionTimestamp) {
      await finalizeDeletion(this.deps, app, events);
      return {};
    }
    const result = await this.reconcileApp(app, events);
    if (app.metadata.annotations?.[refreshAnnotation]) {
      await this.deps.home
        .jsonPatch(ref, [
          { op: 'remove', path: `/metadata/annotations/${refreshAnnotation.replace('/', '~1')}` },
        ])
        .catch(() => undefined);
    }
    return result;
  }

  private async reconcileApp(app: Application, events: AppEvents): Promise<ReconcileResult> {
    const { errors } = validateApplication(app);
    if (errors.length)
      return this.fail(app, events, { type: 'InvalidSpecError', message: errors.join('; ') });
    const project = await this.project(app);
    if (typeof project === 'string')
      return this.fail(app, events, { type: 'InvalidSpecError', message: project });
    const denied = this.sourceOrDestinationDenied(app, project);
    if (denied) return this.fail(app, events, { type: 'InvalidSpecError', message: denied });
    let cluster: Cluster;
    try {
      cluster = await this.deps.clusters.resolve(app.spec.destination);
    } catch (err) {
      return this.fail(app, events, { type: 'InvalidSpecError', message: (err as Error).message });
    }
    const force = app.metadata.annotations?.[refreshAnnotation] === 'hard';
    let rendered: RenderedApp;
    let comparison: Comparison;
    const instance = appInstanceName(
      app.metadata.name ?? '',
      app.metadata.namespace ?? '',
      this.deps.namespace,
    );
    try {
      rendered = await renderApp(app, cluster, this.deps.manifests, force);
      const notPermitted = await this.resourcesDenied(app, project, cluster, instance, rendered.objects);
      if (notPermitted) return this.fail(app, events, { type: 'SyncError', message: notPermitted });
      comparison = await compare({
        cluster,
        appInstance: instance,
        namespace: app.spec.destination.namespace ?? 'default',
        desired: rendered.objects,
        previous: previousResources(app),
        ignoreDifferences: app.spec.ignoreDifferences,
      });
    } catch (err) {
      return this.fail(app, events, { type: 'ComparisonError', message: (err as Error).message }, cluster);
    }
    return this.afterCompare(app, events, cluster, rendered, comparison);
  }

  private async afterCompare(
    app: Application,
    events: AppEvents,
    cluster: Cluster,
    rendered: RenderedApp,
    comparison: Comparison,
  ): Promise<ReconcileResult> {
    const now = this.now().toISOString();
    const watch = { cluster, kinds: kindsOf(comparison) };
    let operation = app.operation;
    let automated = false;
    if (!operation) {
      const decision = decideAutoSync({
        automated: app.spec.syncPolicy?.automated,
        syncStatus: comparison.sync,
        desiredCount: rendered.objects.length,
        outOfSyncCount: comparison.resources.filter((r) => r.status !== 'Synced').length,
        pruneOnlyCount: comparison.resources.filter((r) => r.requiresPruning).length,
        revision: rendered.revision,
        source: app.spec.sources ?? app.spec.source,
        last: lastAutomated(app),
      });
      if (decision.sync && decision.selfHeal) {
        const wait = this.selfHeal.delay(app.metadata.name ?? '', Date.now());
        if (wait > 0) {
          await writeStatus(this.deps.home, app, this.statusFrom(app, rendered, comparison, [], now));
          return { watch, requeueAfterMs: wait };
        }
        this.selfHeal.record(app.metadata.name ?? '', Date.now());
      }
      if (decision.sync) {
        automated = true;
        operation = {
          sync: { revision: rendered.revision, prune: decision.prune },
          initiatedBy: { automated: true },
          ...(app.spec.syncPolicy?.retry ? { retry: app.spec.syncPolicy.retry } : {}),
        };
        events.normal(
          decision.selfHeal ? 'SelfHealing' : 'OperationStarted',
          decision.selfHeal
            ? `Self-healing drift: re-syncing to ${short(rendered.revision)}`
            : `Initiated automated sync to '${short(rendered.revision)}'`,
        );
      } else if (decision.refused) {
        const status = this.statusFrom(
          app,
          rendered,
          comparison,
          [{ type: 'SyncError', message: decision.reason }],
          now,
        );
        await writeStatus(this.deps.home, app, status);
        return { watch };
      }
    } else if (!app.status?.operationState || app.status.operationState.phase !== 'Running') {
      events.normal(
        'OperationStarted',
        `Initiated sync to ${short(rendered.revision)} by ${operation.initiatedBy?.username ?? 'a user'}`,
      );
    }
    if (!operation) {
      await writeStatus(this.deps.home, app, this.statusFrom(app, rendered, comparison, [], now));
      return {
        watch,
        requeueAfterMs:
          comparison.health === 'Progressing' ? (this.deps.progressingRequeueMs ?? 2000) : undefined,
      };
    }
    const wait = retryWaitMs(app, operation, this.now());
    if (wait > 0) return { watch, requeueAfterMs: wait };
    return this.operate(app, events, cluster, rendered, comparison, operation, automated);
  }

  private async operate(
    app: Application,
    events: AppEvents,
    cluster: Cluster,
    rendered: RenderedApp,
    comparison: Comparison,
    operation: Operation,
    automated: boolean,
  ): Promise<ReconcileResult> {
    const startedAt = this.now().toISOString();
    const result = await runOperation({
      app,
      operation,
      cluster,
      comparison,
      revision: rendered.revision,
      revisions: rendered.revisions,
      now: this.now,
    });
    const status = this.statusFrom(app, rendered, comparison, [], this.now().toISOString());
    status.operationState = result.state;
    for (const r of result.outcome.results.filter((x) => x.status === 'Pruned'))
      events.normal('ResourcePruned', `Pruned ${r.kind}/${r.name}`);
    if (result.retryAfterMs !== undefined) {
      events.warning(
        'OperationRetrying',
        `Sync failed, retry #${result.state.retryCount} in ${Math.round(result.retryAfterMs / 1000)}s: ${result.outcome.message}`,
      );
      await writeStatus(this.deps.home, app, status, { set: operation });
      return { requeueAfterMs: result.retryAfterMs, watch: { cluster, kinds: kindsOf(comparison) } };
    }
    if (result.state.phase === 'Succeeded' && !operation.sync?.dryRun) {
      status.history = appendHistory(
        app.status?.history,
        {
          revision: rendered.revision,
          ...(rendered.revisions.length > 1 ? { revisions: rendered.revisions } : {}),
          ...(app.spec.sources?.length
            ? { sources: effectiveSources(app) }
            : { source: effectiveSources(app)[0] }),
          deployStartedAt: result.state.startedAt ?? startedAt,
          deployedAt: result.state.finishedAt ?? this.now().toISOString(),
          initiatedBy: operation.initiatedBy ?? {},
        },
        app.spec.revisionHistoryLimit ?? 10,
      );
      events.normal(
        'OperationCompleted',
        `Sync operation to ${short(rendered.revision)} succeeded${automated ? ' (automated)' : ''}`,
      );
    } else if (result.state.phase !== 'Succeeded') {
      status.conditions = mergeConditions(
        app.status?.conditions,
        [{ type: 'SyncError', message: result.outcome.message }],
        this.now().toISOString(),
      );
      events.warning(
        'OperationCompleted',
        `Sync operation to ${short(rendered.revision)} failed: ${result.outcome.message}`,
      );
    }
    await writeStatus(this.deps.home, app, status, { clear: true });
    // Look again right away: the status should show the state after the sync.
    return { requeueAfterMs: 500, watch: { cluster, kinds: kindsOf(comparison) } };
  }

  private statusFrom(
    app: Application,
    rendered: RenderedApp,
    comparison: Comparison,
    conditions: Array<Omit<ApplicationCondition, 'lastTransitionTime'>>,
    now: string,
  ): ApplicationStatus {
    const prev = app.status ?? {};
    const multi = Boolean(app.spec.sources?.length);
    return {
      ...prev,
      sync: {
        status: comparison.sync,
        ...(multi ? { revisions: rendered.revisions } : { revision: rendered.revision }),
        comparedTo: {
          ...(multi ? { sources: app.spec.sources } : { source: app.spec.source }),
          destination: app.spec.destination,
          ...(app.spec.ignoreDifferences ? { ignoreDifferences: app.spec.ignoreDifferences } : {}),
        },
      },
      health: comparison.healthMessage
        ? { status: comparison.health, message: comparison.healthMessage }
        : { status: comparison.health },
      resources: resourceStatuses(comparison),
      conditions: mergeConditions(prev.conditions, conditions, now),
      sourceType: rendered.sourceType,
      ...(multi ? { sourceTypes: rendered.sourceTypes } : {}),
      reconciledAt: now,
      controllerNamespace: this.deps.namespace,
    };
  }

  private async fail(
    app: Application,
    events: AppEvents,
    failure: Failure,
    cluster?: Cluster,
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
      health: prev.health ?? { status: 'Unknown' },
      conditions: mergeConditions(prev.conditions, [failure], now),
      reconciledAt: now,
    };
    await writeStatus(this.deps.home, app, status);
    return {
      requeueAfterMs: this.deps.errorRequeueMs ?? 10_000,
      ...(cluster ? { watch: { cluster, kinds: [] } } : {}),
    };
  }

  private async project(app: Application): Promise<AppProject | string> {
    const name = app.spec.project || 'default';
    const project = (await this.deps.home.get({
      apiVersion: ARGO_API_VERSION,
      kind: 'AppProject',
      namespace: this.deps.namespace,
      name,
    })) as AppProject | undefined;
    if (project) return project;
    if (name === 'default') return defaultProject(this.deps.namespace);
    return `application references project ${name} which does not exist`;
  }

  private sourceOrDestinationDenied(app: Application, project: AppProject): string | undefined {
    const sources = app.spec.sources?.length ? app.spec.sources : app.spec.source ? [app.spec.source] : [];
    for (const s of sources) {
      const denied = checkSourceAllowed(project, s.repoURL);
      if (denied) return denied;
    }
    return checkDestinationAllowed(project, app.spec.destination);
  }

  private async resourcesDenied(
    app: Application,
    project: AppProject,
    cluster: Cluster,
    instance: string,
    objects: KubeObject[],
  ): Promise<string | undefined> {
    const prepared = await prepareDesired(
      cluster,
      instance,
      app.spec.destination.namespace ?? 'default',
      objects,
    );
    const problems: string[] = [];
    for (const { object, namespaced } of prepared) {
      const denied =
        checkResourceAllowed(project, { group: groupOf(object.apiVersion), kind: object.kind, namespaced }) ??
        (namespaced
          ? checkDestinationAllowed(project, {
              ...app.spec.destination,
              namespace: object.metadata.namespace,
            })
          : undefined);
      if (denied) problems.push(denied);
    }
    return problems.length ? [...new Set(problems)].join('; ') : undefined;
  }
}

function previousResources(app: Application): ObjectRef[] {
  return (app.status?.resources ?? []).map((r) => ({
    apiVersion: r.group ? `${r.group}/${r.version ?? ''}` : (r.version ?? 'v1'),
    kind: r.kind ?? '',
    namespace: r.namespace || undefined,
    name: r.name ?? '',
  }));
}

function lastAutomated(app: Application): { revision?: string; source?: unknown; phase: string } | undefined {
  const state = app.status?.operationState;
  if (!state) return undefined;
  return {
    revision: state.syncResult?.revision,
    source: state.syncResult?.sources ?? state.syncResult?.source,
    phase: state.phase,
  };
}

function kindsOf(comparison: Comparison): Array<{ apiVersion: string; kind: string }> {
  const seen = new Map<string, { apiVersion: string; kind: string }>();
  for (const r of comparison.resources)
    seen.set(`${r.ref.apiVersion}/${r.ref.kind}`, { apiVersion: r.ref.apiVersion, kind: r.ref.kind });
  return [...seen.values()];
}

function short(revision: string): string {
  return /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision;
}
