/**
 * Figure 1, Ferry: controller start → all N Applications Synced+Healthy, with the
 * controller's CPU (its own and its helm/git children's), peak RSS, renders and the
 * API requests of the window.
 */
import type { BenchContext } from '../context.js';
import { closeWindow, openWindow } from '../context.js';
import type { ConvergeFigure } from '../types.js';
import { Tracker, appConverged, appSynced } from '../kube/tracker.js';
import { ARGO } from '../workload/argo.js';
import { helmCallsBetween } from '../ferry/helm-counter.js';
import type { FerryProcess } from '../ferry/process.js';
import { prepareRound, startController, type FerryRound } from '../ferry/setup.js';
import { seconds } from '../util/time.js';
import { ferryOwnRequests } from '../ferry/own-metrics.js';

export interface ColdResult {
  figure: ConvergeFigure;
  ferry: FerryProcess;
  /** ms after the controller started when all apps were converged. */
  convergedAfterMs: number;
}

export function convergeTimeoutMs(n: number): number {
  return Math.max(180_000, n * 3_000);
}

/** Runs one cold converge; the controller is left running for the caller to stop or reuse. */
export async function ferryColdConverge(
  ctx: BenchContext,
  round: FerryRound,
  profile: boolean,
): Promise<ColdResult> {
  const n = round.releases.length;
  ctx.progress.step(`ferry ${round.label}: writing ${n} Applications`);
  await prepareRound(ctx, round);
  const apps = new Tracker(ctx.kube, {
    apiVersion: ARGO,
    kind: 'Application',
    namespace: round.controlNamespace,
    select: () => true,
    done: appConverged,
    milestone: { count: n, reached: appSynced },
  });
  try {
    while (apps.seen < n) await new Promise((r) => setTimeout(r, 100));
    const window = await openWindow(ctx);
    const helmBefore = ctx.helm.counts();
    const ferry = await startController(ctx, round, profile);
    const at = await apps.until(n, convergeTimeoutMs(n), (done) =>
      ctx.progress.step(`ferry ${round.label}: ${done}/${n} Synced+Healthy`),
    );
    const usage = ferry.usage();
    const api = await closeWindow(ctx, window, { namespacesCreated: n });
    // The controller counts from its start, so its whole count is the window's.
    const ownRequests = await ferryOwnRequests(ferry.options.listen);
    const figure: ConvergeFigure = {
      who: 'ferry',
      n,
      wallSeconds: seconds(at - ferry.startedAt),
      cpuSeconds: usage?.cpuSeconds,
      childCpuSeconds: usage?.childCpuSeconds,
      peakRssMiB: usage?.peakRssMiB,
      api,
      renders: helmCallsBetween(helmBefore, ctx.helm.counts(), 'template'),
      appliedSeconds:
        apps.milestoneAt === undefined ? undefined : seconds(apps.milestoneAt - ferry.startedAt),
      reconciles: ferry.reconciles,
      ownRequests,
      startupSeconds:
        ferry.startedLoggedAt === undefined ? undefined : seconds(ferry.startedLoggedAt - ferry.startedAt),
      note: `${round.label}${profile ? ' (CPU profile on)' : ''}; reconciles ${ferry.reconciles}, failures ${ferry.failures}`,
    };
    return { figure, ferry, convergedAfterMs: at - ferry.startedAt };
  } finally {
    apps.stop();
  }
}
