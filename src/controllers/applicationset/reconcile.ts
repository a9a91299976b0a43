/**
 * Reconciles one ApplicationSet, as a list of steps:
 * validate → generate (generators + templates) → check the generated Applications →
 * plan (create/update/delete per applicationsSync) → apply → status and events.
 * Any failure before "apply" changes no Application: the error becomes the
 * ErrorOccurred condition and the last good set stays as it is.
 */
import type { Application, ApplicationSet } from '../../api/argo/index.js';
import { ARGO_API_VERSION, validateApplicationSet } from '../../api/argo/index.js';
import { AppSetError, generateApplications, requeueAfterMs } from '../../appset/generate.js';
import { controllingAppSet, planApplications, type Plan } from '../../appset/plan.js';
import { appSetConditions, statusOf, type Outcome } from '../../appset/status.js';
import { checkGeneratedApplications, summarizeProblems } from '../../appset/validate-apps.js';
import type { Cluster, ObjectRef } from '../../kube/cluster.js';
import { recordEvent } from '../../kube/events.js';
import { stableJson } from '../../render/cache.js';
import type { GitSource } from '../../sources/git/index.js';
import { ensureGoTemplateEngine } from '../../templates/go-engine.js';
import type { Logger } from '../../util/log.js';
import type { ClusterRegistry } from '../clusters.js';
import { applyChanges, changeName } from './apply.js';
import { appCheckInputs } from './checks.js';
import { LiveGeneratorInputs } from './inputs.js';

export interface AppSetReconcilerDeps {
  home: Cluster;
  namespace: string;
  clusters: ClusterRegistry;
  git: GitSource;
  log: Logger;
  now?: () => Date;
  /** How soon to try again after an error (default 30 s). */
  errorRequeueMs?: number;
}

export interface AppSetReconcileResult {
  requeueAfterMs?: number;
}

type Failure = Extract<Outcome, { ok: false }>;

const appSetRef = (namespace: string, name: string): ObjectRef => ({
  apiVersion: ARGO_API_VERSION,
  kind: 'ApplicationSet',
  namespace,
  name,
});

export class ApplicationSetReconciler {
  private readonly inputs: LiveGeneratorInputs;
  private readonly now: () => Date;

  constructor(private readonly deps: AppSetReconcilerDeps) {
    this.inputs = new LiveGeneratorInputs(deps.clusters, deps.git);
    this.now = deps.now ?? (() => new Date());
  }
  /** Git generators fetch their repositories again on the next run. */
  requestFetch(): void {
    this.inputs.requestFetch();
  }

  async reconcile(name: string): Promise<AppSetReconcileResult> {
    const appSet = (await this.deps.home.get(appSetRef(this.deps.namespace, name))) as
      ApplicationSet | undefined;
    if (!appSet || appSet.metadata.deletionTimestamp) return {};
    const owned = await this.ownedApplications(appSet);
    const outcome = await this.sync(appSet, owned);
    await this.writeStatus(appSet, outcome, await this.ownedApplications(appSet).catch(() => owned));
    if (!outcome.ok) return { requeueAfterMs: this.deps.errorRequeueMs ?? 30_000 };
    return { requeueAfterMs: requeueAfterMs(appSet) };
  }

  /** Generate, check, plan, apply; the outcome for the conditions. */
  private async sync(appSet: ApplicationSet, owned: Application[]): Promise<Outcome> {
    const { errors } = validateApplicationSet(appSet);
    if (errors.length)
      return this.failed(appSet, {
        reason: 'ApplicationValidationError',
        message: errors.join('; '),
        parametersGenerated: false,
      });
    let desired: Application[];
    try {
      if (appSet.spec.goTemplate) await ensureGoTemplateEngine();
      desired = await generateApplications(appSet, this.inputs);
    } catch (err) {
      const reason = err instanceof AppSetError ? err.reason : 'ApplicationGenerationFromParamsError';
      return this.failed(appSet, { reason, message: (err as Error).message, parametersGenerated: false });
    }
    const clusters = await this.deps.clusters.list();
    const checks = await appCheckInputs(
      this.deps.home,
      this.deps.namespace,
      appSet.metadata.name ?? '',
      clusters,
    );
    const problems = checkGeneratedApplications(desired, checks);
    if (problems.length)
      return this.failed(appSet, {
        reason: 'ApplicationValidationError',
        message: summarizeProblems(problems),
        parametersGenerated: true,
      });
    const existing = await this.applicationsNamed(desired, owned);
    const plan = planApplications(appSet, desired, existing);
    if (plan.problems.length)
      return this.failed(appSet, {
        reason: 'ApplicationValidationError',
        message: summarizeProblems(plan.problems),
        parametersGenerated: true,
      });
    return this.apply(appSet, plan);
  }

  private async apply(appSet: ApplicationSet, plan: Plan): Promise<Outcome> {
    const results = await applyChanges(this.deps.home, plan.changes);
    const verbs = { create: 'Created', update: 'Updated', delete: 'Deleted' } as const;
    for (const { change, error } of results) {
      const app = changeName(change);
      if (!error)
        this.event(appSet, 'Normal', verbs[change.action], `${verbs[change.action]} Application "${app}"`);
    }
    const failed = results.find((r) => r.error);
    if (!failed) return { ok: true };
    const reason = {
      create: 'CreateApplicationError',
      update: 'UpdateApplicationError',
      delete: 'DeleteApplicationError',
    }[failed.change.action];
    return this.failed(appSet, {
      reason,
      message: `${changeName(failed.change)}: ${failed.error}`,
      parametersGenerated: true,
    });
  }

  private failed(appSet: ApplicationSet, failure: Omit<Failure, 'ok'>): Failure {
    const known = appSet.status?.conditions?.some(
      (c) => c.type === 'ErrorOccurred' && c.status === 'True' && c.message === failure.message,
    );
    if (!known) this.event(appSet, 'Warning', failure.reason, failure.message);
    this.deps.log.warn('applicationset error', {
      appset: appSet.metadata.name,
      reason: failure.reason,
      message: failure.message,
    });
    return { ok: false, ...failure };
  }

  /** Applications this ApplicationSet controls. */
  private async ownedApplications(appSet: ApplicationSet): Promise<Application[]> {
    const all = (await this.deps.home.list(ARGO_API_VERSION, 'Application', {
      namespace: this.deps.namespace,
    })) as Application[];
    return all.filter((a) => controllingAppSet(a) === appSet.metadata.name);
  }

  /** The owned Applications plus any other Application already holding a generated name. */
  private async applicationsNamed(
    desired: readonly Application[],
    owned: Application[],
  ): Promise<Application[]> {
    const ownedNames = new Set(owned.map((a) => a.metadata.name));
    const others = await Promise.all(
      desired
        .filter((a) => !ownedNames.has(a.metadata.name))
        .map((a) =>
          this.deps.home.get({
            apiVersion: ARGO_API_VERSION,
            kind: 'Application',
            namespace: this.deps.namespace,
            name: a.metadata.name ?? '',
          }),
        ),
    );
    return [...owned, ...(others.filter(Boolean) as Application[])];
  }

  /** Writes status through the /status subresource, only when something changed. */
  private async writeStatus(
    appSet: ApplicationSet,
    outcome: Outcome,
    owned: readonly Application[],
  ): Promise<void> {
    const conditions = appSetConditions(appSet.status?.conditions, outcome, this.now().toISOString());
    const status = statusOf(appSet.status, conditions, owned);
    if (stableJson(status) === stableJson(appSet.status ?? {})) return;
    await this.deps.home.mergePatch(
      appSetRef(this.deps.namespace, appSet.metadata.name ?? ''),
      { status },
      'status',
    );
  }

  private event(appSet: ApplicationSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const fields = { appset: appSet.metadata.name, reason, message };
    if (type === 'Warning') this.deps.log.warn('event', fields);
    else this.deps.log.info('event', fields);
    recordEvent(this.deps.home, appSet, { type, reason, message }).catch((err: unknown) =>
      this.deps.log.warn('could not record event', {
        appset: appSet.metadata.name,
        error: (err as Error).message,
      }),
    );
  }
}
