/**
 * The ImageUpdateAutomation reconciler: validate → suspend → run → status. Every push
 * leaves an Event and a log line naming the commit and files; failures land on the Ready
 * condition (Stalled when only a change to an object helps) and in a Warning Event.
 */
import { RECONCILE_REQUESTED_ANNOTATION } from '../../api/flux/index.js';
import {
  IMAGE_API_VERSION,
  imageUpdateAutomationErrors,
  type ImageUpdateAutomation,
} from '../../api/image/index.js';
import { markFailedStalled, markReady, markRetrying, Reason } from '../flux/conditions.js';
import { FluxEvents } from '../flux/events.js';
import type { ReconcileOutcome } from '../flux/kind-controller.js';
import { intervalMs, withJitter } from '../flux/index.js';
import { patchStatus } from '../flux/status.js';
import { AutomationError, runAutomation, type AutomationDeps, type RunReport } from './automation-run.js';

const SUCCEEDED = 'ReconciliationSucceeded';
const FAILED = 'ReconciliationFailed';

/** Flux's status text of a run: what was pushed where, or that nothing changed. */
export function statusMessage(report: RunReport, previous: ImageUpdateAutomation['status']): string {
  if (report.pushed && report.commit)
    return `committed and pushed commit '${report.commit}' to ${report.target}`;
  const last =
    previous?.lastPushCommit && previous.lastPushTime
      ? `; last commit ${previous.lastPushCommit.slice(0, 7)} at ${previous.lastPushTime}`
      : '';
  return `no updates made${last}`;
}

export class AutomationReconciler {
  constructor(private readonly deps: AutomationDeps) {}

  async get(namespace: string, name: string): Promise<ImageUpdateAutomation | undefined> {
    const ref = { apiVersion: IMAGE_API_VERSION, kind: 'ImageUpdateAutomation', namespace, name };
    return (await this.deps.home.get(ref)) as ImageUpdateAutomation | undefined;
  }

  async reconcile(namespace: string, name: string): Promise<ReconcileOutcome> {
    const auto = await this.get(namespace, name);
    if (!auto || auto.metadata.deletionTimestamp) return {};
    if (auto.spec.suspend) {
      this.deps.log.info('ImageUpdateAutomation is suspended, skipping automation run', {
        object: `${namespace}/${name}`,
      });
      return {};
    }
    await this.run(auto);
    return { requeueAfterMs: withJitter(intervalMs(auto.spec.interval)) };
  }

  /** Runs the automation now and records the outcome on its status; rethrows nothing. */
  async run(auto: ImageUpdateAutomation): Promise<RunReport | AutomationError | Error> {
    const { home, log } = this.deps;
    const draft = structuredClone(auto);
    const events = new FluxEvents(home, auto, log);
    const status = (draft.status ??= {});
    status.observedGeneration = auto.metadata.generation;
    const requested = auto.metadata.annotations?.[RECONCILE_REQUESTED_ANNOTATION];
    if (requested) status.lastHandledReconcileAt = requested;
    const invalid = imageUpdateAutomationErrors(auto);
    if (invalid.length > 0) {
      const message = invalid.join('; ');
      markFailedStalled(draft, Reason.InvalidSpec, message);
      events.warning(Reason.InvalidSpec, message);
      await patchStatus(home, auto, draft);
      return new AutomationError(Reason.InvalidSpec, message, true);
    }
    const start = new Date().toISOString();
    try {
      const report = await runAutomation(this.deps, auto);
      this.recordSuccess({ auto, draft, events }, report, start);
      await patchStatus(home, auto, draft);
      return report;
    } catch (err) {
      const failure = err as Error;
      const reason = err instanceof AutomationError ? err.reason : FAILED;
      if (err instanceof AutomationError && err.stalled) markFailedStalled(draft, reason, failure.message);
      else markRetrying(draft, reason, failure.message);
      events.warning(reason, failure.message);
      await patchStatus(home, auto, draft);
      return failure;
    }
  }

  private recordSuccess(
    run: { auto: ImageUpdateAutomation; draft: ImageUpdateAutomation; events: FluxEvents },
    report: RunReport,
    start: string,
  ): void {
    const { auto, draft, events } = run;
    const status = (draft.status ??= {});
    const message = statusMessage(report, auto.status);
    status.lastAutomationRunTime = start;
    status.observedPolicies = report.observed;
    if (report.pushed && report.commit) {
      status.lastPushCommit = report.commit;
      status.lastPushTime = start;
      events.normal('Succeeded', `${message}\n${report.message ?? ''}`.trimEnd());
      this.deps.log.info('image automation pushed', {
        object: `${auto.metadata.namespace}/${auto.metadata.name}`,
        commit: report.commit,
        files: report.files.join(','),
        attempts: report.attempts,
      });
      this.deps.onPushed?.({ namespace: auto.metadata.namespace ?? '', name: auto.metadata.name ?? '' });
    }
    markReady(draft, SUCCEEDED, message);
  }
}
