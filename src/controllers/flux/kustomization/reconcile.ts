/**
 * Reconciles one Kustomization, as a list of steps (kustomize-controller's reconciler):
 *
 *   deleted? → finalize (prune the inventory when the deletionPolicy says so)
 *   finalizer → suspended? (stop, nothing changes) → validate (Stalled on a bad spec)
 *   → Reconciling → dependsOn Ready? → source artifact → postBuild variables → build
 *   → apply (staged, server-side) → prune what left the inventory → health → Ready.
 *
 * Every failing step lands on Ready=False with Flux's reason and an Event, the status
 * keeps the last good inventory and lastAppliedRevision, and the object is retried after
 * `retryInterval` (default: `interval`). Nothing is pruned unless build and apply
 * succeeded.
 */
import {
  KUSTOMIZE_API_VERSION,
  RECONCILE_REQUESTED_ANNOTATION,
  validateKustomization,
  type Kustomization,
} from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import type { KubeObject } from '../../../kube/object.js';
import type { Logger } from '../../../util/log.js';
import {
  deleteCondition,
  getCondition,
  markFailedStalled,
  markFalse,
  markReady,
  markReconciling,
  markRetrying,
  markTrue,
  Reason,
} from '../conditions.js';
import { FluxEvents } from '../events.js';
import type { Destination, Destinations } from '../helmrelease/destination.js';
import type { KindReconciler, ReconcileOutcome } from '../kind-controller.js';
import { withJitter } from '../kind-controller.js';
import { intervalMs } from '../source-reconcile.js';
import { patchStatus } from '../status.js';
import { applyBuild, changeLines } from './apply.js';
import { buildKustomization } from './build.js';
import { unreadyDependency } from './dependencies.js';
import { ArtifactNotOnDiskError, KsReason, KustomizationStepError } from './errors.js';
import { ensureFinalizer, finalizeKustomization } from './finalize.js';
import { checkHealth, healthTargets } from './health.js';
import { inventoryOf, staleEntries } from './inventory.js';
import { pruneEntries } from './prune.js';
import { resolveSource, type ResolvedSource } from './source.js';
import { loadVariables } from './vars.js';

export interface KustomizationDeps {
  home: Cluster;
  log: Logger;
  destinations: Destinations;
  /** How soon to look again while a dependency is not ready; default 5 s. */
  dependencyRequeueMs?: number;
  /** Asks the source's controller to fetch an artifact that is no longer on this disk. */
  refetchSource?: (source: { kind: string; namespace: string; name: string }) => void;
}

interface Run {
  ks: Kustomization;
  draft: Kustomization;
  events: FluxEvents;
  started: number;
}

export class KustomizationReconciler implements KindReconciler {
  constructor(private readonly deps: KustomizationDeps) {}

  async reconcile(namespace: string, name: string): Promise<ReconcileOutcome> {
    const { home, log } = this.deps;
    const ref = { apiVersion: KUSTOMIZE_API_VERSION, kind: 'Kustomization', namespace, name };
    let ks = (await home.get(ref)) as Kustomization | undefined;
    if (!ks) return {};
    const events = new FluxEvents(home, ks, log);
    if (ks.metadata.deletionTimestamp) {
      await finalizeKustomization(this.deps, ks, events);
      return {};
    }
    ks = await ensureFinalizer(home, ks);
    if (ks.spec.suspend) return {};
    const draft = structuredClone(ks);
    const requested = ks.metadata.annotations?.[RECONCILE_REQUESTED_ANNOTATION];
    if (requested) (draft.status ??= {}).lastHandledReconcileAt = requested;
    const run: Run = { ks, draft, events, started: Date.now() };
    const { errors } = validateKustomization(ks);
    if (errors.length > 0) return this.invalid(run, errors.join('; '));
    try {
      return await this.steps(run);
    } catch (err) {
      if (!(err instanceof KustomizationStepError)) throw err;
      return this.failed(run, err);
    }
  }

  private patch(run: Run): Promise<boolean> {
    return patchStatus(this.deps.home, run.ks, run.draft);
  }

  private async invalid(run: Run, message: string): Promise<ReconcileOutcome> {
    if (getCondition(run.ks, 'Ready')?.message !== message) run.events.warning(Reason.InvalidSpec, message);
    markFailedStalled(run.draft, Reason.InvalidSpec, message);
    run.draft.status!.observedGeneration = run.ks.metadata.generation;
    await this.patch(run);
    return {};
  }

  private async steps(run: Run): Promise<ReconcileOutcome> {
    const { ks, draft } = run;
    markReconciling(draft, KsReason.Progressing, 'Running reconciliation');
    await this.patch(run);
    const dependency = await unreadyDependency(this.deps.home, ks);
    if (dependency) return this.waitForDependency(run, dependency);
    const source = await resolveSource(this.deps.home, ks);
    draft.status!.lastAttemptedRevision = source.artifact.revision;
    const vars = await loadVariables(this.deps.home, ks);
    const objects = await buildKustomization(source.dir, ks, vars);
    const destination = await this.destination(ks);
    const applied = await this.apply(run, destination, objects);
    await this.prune(run, destination, applied);
    await this.health(run, destination, applied);
    return this.succeeded(run, source);
  }

  private async destination(ks: Kustomization): Promise<Destination> {
    try {
      return await this.deps.destinations.forKubeConfig(
        ks.metadata.namespace ?? 'default',
        ks.spec.kubeConfig?.secretRef,
      );
    } catch (err) {
      throw new KustomizationStepError(
        KsReason.ReconciliationFailed,
        `kubeconfig from spec.kubeConfig.secretRef: ${(err as Error).message}`,
      );
    }
  }

  /** Applies the build; the inventory grows by what got applied even when a later object failed. */
  private async apply(run: Run, destination: Destination, objects: KubeObject[]): Promise<KubeObject[]> {
    const result = await applyBuild({
      cluster: destination.cluster,
      objects,
      defaultNamespace: run.ks.metadata.namespace ?? 'default',
      force: run.ks.spec.force ?? false,
    });
    const lines = changeLines(result.changes);
    if (lines.length > 0) run.events.normal(KsReason.Progressing, lines.join('\n'));
    const applied = result.changes.map((c) => c.object);
    if (result.error) {
      const previous = run.ks.status?.inventory?.entries ?? [];
      const merged = new Map([...previous, ...inventoryOf(applied)].map((e) => [e.id, e]));
      run.draft.status!.inventory = {
        entries: [...merged.values()].sort((a, b) => a.id.localeCompare(b.id)),
      };
      throw result.error;
    }
    return applied;
  }

  private async prune(run: Run, destination: Destination, applied: KubeObject[]): Promise<void> {
    const previous = run.ks.status?.inventory?.entries ?? [];
    const next = inventoryOf(applied);
    const stale = staleEntries(previous, next);
    if (run.ks.spec.prune && stale.length > 0) {
      const result = await pruneEntries(destination.cluster, run.ks, stale);
      if (result.deleted.length > 0) run.events.normal(KsReason.Progressing, result.deleted.join('\n'));
    }
    run.draft.status!.inventory = { entries: next };
  }

  private async health(run: Run, destination: Destination, applied: KubeObject[]): Promise<void> {
    const targets = healthTargets(run.ks, applied);
    if (targets.length === 0) {
      deleteCondition(run.draft, 'Healthy');
      return;
    }
    markReconciling(
      run.draft,
      KsReason.Progressing,
      `Running health checks with a timeout of ${this.timeout(run.ks)}`,
    );
    await this.patch(run);
    const timeoutMs = intervalMs(run.ks.spec.timeout ?? run.ks.spec.interval);
    const took = await checkHealth(destination.cluster, targets, timeoutMs);
    markTrue(run.draft, 'Healthy', Reason.Succeeded, `Health check passed in ${(took / 1000).toFixed(1)}s`);
  }

  private timeout(ks: Kustomization): string {
    return ks.spec.timeout ?? ks.spec.interval;
  }

  private async succeeded(run: Run, source: ResolvedSource): Promise<ReconcileOutcome> {
    const { ks, draft } = run;
    const revision = source.artifact.revision;
    const message = `Applied revision: ${revision}`;
    const changed =
      ks.status?.lastAppliedRevision !== revision || getCondition(ks, 'Ready')?.status !== 'True';
    Object.assign(draft.status!, {
      lastAppliedRevision: revision,
      observedGeneration: ks.metadata.generation,
    });
    markReady(draft, KsReason.ReconciliationSucceeded, message);
    await this.patch(run);
    if (changed) {
      const took = ((Date.now() - run.started) / 1000).toFixed(1);
      run.events.normal(
        KsReason.ReconciliationSucceeded,
        `Reconciliation finished in ${took}s, next run in ${ks.spec.interval} (revision ${revision})`,
      );
    }
    return { requeueAfterMs: withJitter(intervalMs(ks.spec.interval, 300_000)) };
  }

  private async waitForDependency(run: Run, message: string): Promise<ReconcileOutcome> {
    if (getCondition(run.ks, 'Ready')?.message !== message)
      run.events.normal(KsReason.DependencyNotReady, message);
    // Not busy (ProgressingWithRetry): `ferry ks reconcile` reports the wait instead of hanging.
    markRetrying(run.draft, KsReason.DependencyNotReady, message);
    await this.patch(run);
    return { requeueAfterMs: this.deps.dependencyRequeueMs ?? 5_000 };
  }

  private async failed(run: Run, err: KustomizationStepError): Promise<ReconcileOutcome> {
    const { ks, draft } = run;
    if (err instanceof ArtifactNotOnDiskError) this.deps.refetchSource?.(err.source);
    if (getCondition(ks, 'Ready')?.message !== err.message) run.events.warning(err.reason, err.message);
    if (err.reason === KsReason.HealthCheckFailed) markFalse(draft, 'Healthy', err.reason, err.message);
    markRetrying(draft, err.reason, err.message);
    draft.status!.observedGeneration = ks.metadata.generation;
    await this.patch(run);
    return { requeueAfterMs: withJitter(intervalMs(ks.spec.retryInterval ?? ks.spec.interval)) };
  }
}
