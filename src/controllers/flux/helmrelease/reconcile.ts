/**
 * Reconciles one HelmRelease, as a list of steps (helm-controller's HelmReleaseReconciler):
 *
 *   deleted? → uninstall, delete the HelmChart, drop the finalizer
 *   finalizer → suspended? (stop, nothing changes) → validate (Stalled on a bad spec)
 *   → HelmChart from spec.chart → Reconciling "Fulfilling prerequisites" → dependsOn Ready?
 *   → chart source Ready, artifact loaded → values composed → release target moved?
 *   → failure counters reset when chart, values or generation changed
 *   → the release loop (atomic.ts) → observedGeneration, requeue at the interval.
 *
 * Every failure lands on Ready (reasons as Flux's: ValuesError, ArtifactFailed,
 * SourceNotReady, DependencyNotReady, InstallFailed, UpgradeFailed, …) and as an Event;
 * nothing is installed or upgraded until the inputs are sound, so a bad input never
 * touches the release already running.
 */
import {
  FORCE_REQUESTED_ANNOTATION,
  HELM_API_VERSION,
  RECONCILE_REQUESTED_ANNOTATION,
  RESET_REQUESTED_ANNOTATION,
  validateHelmRelease,
  type HelmRelease,
} from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import type { Logger } from '../../../util/log.js';
import { getCondition, markFailedStalled, markFalse, markReconciling, Reason } from '../conditions.js';
import { FluxEvents } from '../events.js';
import type { KindReconciler, ReconcileOutcome } from '../kind-controller.js';
import { withJitter } from '../kind-controller.js';
import { intervalMs } from '../source-reconcile.js';
import { patchStatus } from '../status.js';
import { RetryableActionError } from './actions/common.js';
import { atomicRelease } from './atomic.js';
import { reconcileChartTemplate } from './chart-template.js';
import type { Destination, Destinations } from './destination.js';
import { ensureFinalizer, finalizeHelmRelease, releaseTarget, uninstallRelease } from './finalize.js';
import { listReleases } from './storage.js';
import { clearFailures } from './remediation.js';
import { latest } from './snapshots.js';
import {
  ChartSourceError,
  chartSourceRef,
  loadChart,
  type ChartSourceRef,
  type LoadedChart,
} from './source.js';
import { composeValues, valuesDigest, ValuesReferenceError } from './values.js';
import { loadValuesReferences } from './values-load.js';
import type { Values } from './strvals.js';

export interface HelmReleaseDeps {
  home: Cluster;
  log: Logger;
  destinations: Destinations;
  /** Where a sourceRef without namespace is looked up when not in the HelmRelease's namespace. */
  defaultSourceNamespace: string;
  /** Told the values references of every HelmRelease it reconciles (to watch them). */
  watchValues?: (hr: HelmRelease) => void;
  /** Asks the source's controller to fetch an artifact that is no longer on disk. */
  refetchSource?: (ref: ChartSourceRef) => void;
  dependencyRequeueMs?: number;
}

interface Run {
  /** As last written. */
  hr: HelmRelease;
  /** Working copy; its status is what gets written. */
  draft: HelmRelease;
  events: FluxEvents;
  forceRequested: boolean;
}

type Step<T> = { ok: true; value: T } | { ok: false; outcome: ReconcileOutcome };
const ok = <T>(value: T): Step<T> => ({ ok: true, value });
const stop = <T>(outcome: ReconcileOutcome): Step<T> => ({ ok: false, outcome });

/** A failure already written to status; thrown so the controller retries with backoff. */
export class HelmReleaseRetryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HelmReleaseRetryError';
  }
}

/** Handles a one-shot request annotation (force, reset): true once per new value matching requestedAt. */
function handleRequest(
  hr: HelmRelease,
  draft: HelmRelease,
  annotation: string,
  field: 'lastHandledForceAt' | 'lastHandledResetAt',
): boolean {
  const value = hr.metadata.annotations?.[annotation];
  const requested = hr.metadata.annotations?.[RECONCILE_REQUESTED_ANNOTATION];
  if (!value || value !== requested || hr.status?.[field] === value) return false;
  (draft.status ??= {})[field] = value;
  return true;
}

export class HelmReleaseReconciler implements KindReconciler {
  constructor(private readonly deps: HelmReleaseDeps) {}

  async reconcile(namespace: string, name: string): Promise<ReconcileOutcome> {
    const { home, log } = this.deps;
    const ref = { apiVersion: HELM_API_VERSION, kind: 'HelmRelease', namespace, name };
    let hr = (await home.get(ref)) as HelmRelease | undefined;
    if (!hr) return {};
    if (hr.metadata.deletionTimestamp) {
      await finalizeHelmRelease(this.deps, hr, new FluxEvents(home, hr, log));
      return {};
    }
    hr = await ensureFinalizer(home, hr);
    if (hr.spec.suspend) return {};
    const draft = structuredClone(hr);
    const status = (draft.status ??= {});
    const requested = hr.metadata.annotations?.[RECONCILE_REQUESTED_ANNOTATION];
    if (requested) status.lastHandledReconcileAt = requested;
    const run: Run = {
      hr,
      draft,
      events: new FluxEvents(home, hr, log),
      forceRequested: handleRequest(hr, draft, FORCE_REQUESTED_ANNOTATION, 'lastHandledForceAt'),
    };
    if (handleRequest(hr, draft, RESET_REQUESTED_ANNOTATION, 'lastHandledResetAt')) clearFailures(status);
    return this.steps(run);
  }

  private patch(run: Run): Promise<boolean> {
    return patchStatus(this.deps.home, run.hr, run.draft);
  }

  private async steps(run: Run): Promise<ReconcileOutcome> {
    const { errors } = validateHelmRelease(run.hr);
    if (errors.length > 0) return this.invalid(run, errors.join('; '));
    await reconcileChartTemplate(this.deps.home, run.draft, this.deps.defaultSourceNamespace);
    this.deps.watchValues?.(run.hr);
    markReconciling(run.draft, Reason.Progressing, 'Fulfilling prerequisites');
    await this.patch(run);
    const dependencies = await this.dependencies(run);
    if (!dependencies.ok) return dependencies.outcome;
    const chart = await this.chart(run);
    if (!chart.ok) return chart.outcome;
    const values = await this.values(run);
    if (!values.ok) return values.outcome;
    const destination = await this.deps.destinations.forHelmRelease(run.hr);
    const moved = await this.targetMoved(run, chart.value, destination);
    if (!moved.ok) return moved.outcome;
    return this.release(run, chart.value, values.value, destination);
  }

  private async invalid(run: Run, message: string): Promise<ReconcileOutcome> {
    if (getCondition(run.hr, 'Ready')?.message !== message) run.events.warning(Reason.InvalidSpec, message);
    markFailedStalled(run.draft, Reason.InvalidSpec, message);
    run.draft.status!.observedGeneration = run.hr.metadata.generation;
    await this.patch(run);
    return {};
  }

  /** Ready=False with `reason`, an Event (unless `event` is none) when the message is new, and the status written. */
  private async fail(
    run: Run,
    reason: string,
    message: string,
    event: 'Normal' | 'Warning' | 'none' = 'Warning',
  ): Promise<void> {
    if (getCondition(run.hr, 'Ready')?.message !== message) {
      if (event === 'Warning') run.events.warning(reason, message);
      if (event === 'Normal') run.events.normal(reason, message);
    }
    markFalse(run.draft, 'Ready', reason, message);
    await this.patch(run);
  }

  private async dependencies(run: Run): Promise<Step<void>> {
    for (const dep of run.hr.spec.dependsOn ?? []) {
      const namespace = dep.namespace ?? run.hr.metadata.namespace;
      const other = (await this.deps.home.get({
        apiVersion: HELM_API_VERSION,
        kind: 'HelmRelease',
        namespace,
        name: dep.name,
      })) as HelmRelease | undefined;
      const ready =
        other &&
        other.metadata.generation === other.status?.observedGeneration &&
        getCondition(other, 'Ready')?.status === 'True';
      if (!ready) {
        const message = other
          ? `dependency '${namespace}/${dep.name}' is not ready`
          : `unable to get '${namespace}/${dep.name}' dependency: not found`;
        await this.fail(run, Reason.DependencyNotReady, message, 'Normal');
        return stop({ requeueAfterMs: this.deps.dependencyRequeueMs ?? 15_000 });
      }
    }
    return ok(undefined);
  }

  private async chart(run: Run): Promise<Step<LoadedChart>> {
    const ref = await chartSourceRef(this.deps.home, run.draft, this.deps.defaultSourceNamespace);
    try {
      return ok(await loadChart(this.deps.home, ref));
    } catch (err) {
      if (!(err instanceof ChartSourceError)) throw err;
      // A source that failed is worth an Event here too; one still working is not.
      await this.fail(run, err.reason, err.message, err.failed ? 'Warning' : 'none');
      if (err.reason === 'SourceNotReady')
        return stop({ requeueAfterMs: withJitter(intervalMs(run.hr.spec.interval)) });
      if (err.message.includes('artifact not found')) this.deps.refetchSource?.(ref);
      return stop({ requeueAfterMs: 5_000 });
    }
  }

  private async values(run: Run): Promise<Step<Values>> {
    const namespace = run.hr.metadata.namespace ?? 'default';
    const loaded = await loadValuesReferences(this.deps.home, namespace, run.hr.spec.valuesFrom ?? []);
    try {
      return ok(composeValues(namespace, run.hr.spec.values, loaded));
    } catch (err) {
      if (!(err instanceof ValuesReferenceError)) throw err;
      await this.fail(run, 'ValuesError', err.message);
      throw new HelmReleaseRetryError(err.message);
    }
  }

  /**
   * The release name, namespace or chart changed from the release made before: that
   * release is uninstalled first (an install over it would collide), as Flux does.
   */
  private async targetMoved(run: Run, chart: LoadedChart, destination: Destination): Promise<Step<void>> {
    const status = run.draft.status!;
    const cur = latest(status.history);
    const target = releaseTarget(run.hr, destination.kubeconfig);
    const moved =
      cur &&
      (cur.name !== target.release ||
        cur.namespace !== target.namespace ||
        cur.chartName !== chart.meta.name);
    const explicit = run.hr.spec.storageNamespace;
    if (explicit && explicit !== target.namespace) {
      const message = `spec.storageNamespace '${explicit}' differs from the release namespace '${target.namespace}': Ferry runs the helm CLI, which keeps a release in its own namespace; leave storageNamespace unset or equal to the target namespace`;
      markFailedStalled(run.draft, Reason.InvalidSpec, message);
      status.observedGeneration = run.hr.metadata.generation;
      if (getCondition(run.hr, 'Ready')?.message !== message) run.events.warning(Reason.InvalidSpec, message);
      await this.patch(run);
      return stop({});
    }
    if (!moved) return ok(undefined);
    await uninstallRelease(
      { kubeconfig: destination.kubeconfig, namespace: cur.namespace, release: cur.name },
      run.hr,
    );
    run.events.normal(
      'UninstallSucceeded',
      `release target changed: uninstalled ${cur.namespace}/${cur.name}`,
    );
    status.history = [];
    clearFailures(status);
    delete status.storageNamespace;
    await this.patch(run);
    return stop({ requeueAfterMs: 1000 });
  }

  private async release(
    run: Run,
    chart: LoadedChart,
    values: Values,
    destination: Destination,
  ): Promise<ReconcileOutcome> {
    const { hr, draft } = run;
    const status = draft.status!;
    const configDigest = valuesDigest(values);
    const changed =
      status.lastAttemptedGeneration !== hr.metadata.generation ||
      status.lastAttemptedRevision !== chart.meta.version ||
      (status.lastAttemptedConfigDigest !== undefined && status.lastAttemptedConfigDigest !== configDigest);
    if (changed) clearFailures(status);
    const target = releaseTarget(hr, destination.kubeconfig);
    Object.assign(status, {
      storageNamespace: target.namespace,
      lastAttemptedGeneration: hr.metadata.generation,
      lastAttemptedRevision: chart.meta.version,
      lastAttemptedConfigDigest: configDigest,
    });
    if (hr.spec.chartRef?.kind === 'OCIRepository' && chart.artifact.digest)
      status.lastAttemptedRevisionDigest = chart.artifact.digest;
    const request = {
      hr: draft,
      chart: { path: chart.path, meta: chart.meta },
      values,
      configDigest,
      target,
      listStored: () => listReleases(destination.cluster, target.namespace, target.release),
      events: run.events,
    };
    let outcome;
    try {
      outcome = await atomicRelease(request, {
        cluster: destination.cluster,
        patch: () => this.patch(run).then(() => undefined),
        forceRequested: run.forceRequested,
      });
    } catch (err) {
      await this.patch(run);
      if (err instanceof RetryableActionError) throw new HelmReleaseRetryError(err.message);
      throw err;
    }
    return this.finish(run, outcome);
  }

  private async finish(run: Run, outcome: 'done' | 'requeue' | 'stalled'): Promise<ReconcileOutcome> {
    const status = run.draft.status!;
    if (outcome === 'requeue') {
      await this.patch(run);
      return { requeueAfterMs: 1000 };
    }
    status.observedGeneration = run.hr.metadata.generation;
    if (outcome === 'stalled') {
      const stalled = getCondition(run.draft, 'Stalled');
      if (stalled && getCondition(run.hr, 'Stalled')?.message !== stalled.message)
        run.events.warning(stalled.reason, stalled.message);
      await this.patch(run);
      return {};
    }
    await this.patch(run);
    return { requeueAfterMs: withJitter(intervalMs(run.hr.spec.interval, 300_000)) };
  }
}
