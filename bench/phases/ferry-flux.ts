/**
 * Ferry's Flux dialect, cold: the same HelmRepository and HelmReleases Flux's
 * helm-controller gets (flux/workload.ts), written before the controller starts; the
 * clock stops when every HelmRelease is Ready. One round per N.
 */
import type { BenchContext } from '../context.js';
import { closeWindow, openWindow } from '../context.js';
import type { ConvergeFigure } from '../types.js';
import { Tracker, helmReleaseReady } from '../kube/tracker.js';
import { releases } from '../workload/apps.js';
import { HELM_RELEASE, SOURCE, helmRelease, helmRepository } from '../flux/workload.js';
import { suspendFluxObjects } from '../flux/suspend.js';
import { ferryRound, prepareRound, startController } from '../ferry/setup.js';
import type { FerryProcess } from '../ferry/process.js';
import { seconds, pool } from '../util/time.js';
import { convergeTimeoutMs } from './ferry-cold.js';

export const FERRY_FLUX = 'ferry (Flux dialect)';

/** Writes the HelmRepository and the N HelmReleases into `${prefix}-flux`; returns that namespace. */
export async function writeFluxObjects(ctx: BenchContext, n: number, prefix: string): Promise<string> {
  const namespace = `${prefix}-flux`;
  await ctx.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  await ctx.kube.rediscover([
    [HELM_RELEASE, 'HelmRelease'],
    [SOURCE, 'HelmRepository'],
  ]);
  await ctx.kube.apply(helmRepository(namespace, ctx.bed.chartRepo.url));
  await pool(releases(n, prefix), 8, async (r) => {
    await ctx.kube.apply(helmRelease(r, namespace));
  });
  return namespace;
}

function figureOf(
  ferry: FerryProcess,
  n: number,
  at: number,
  helm: { before: Record<string, number>; after: Record<string, number> },
): Omit<ConvergeFigure, 'api'> {
  const usage = ferry.usage();
  const runs = Object.entries(helm.after)
    .map(([sub, count]) => [sub, count - (helm.before[sub] ?? 0)] as const)
    .filter(([, count]) => count > 0);
  return {
    who: FERRY_FLUX,
    n,
    wallSeconds: seconds(at - ferry.startedAt),
    cpuSeconds: usage?.cpuSeconds,
    childCpuSeconds: usage?.childCpuSeconds,
    peakRssMiB: usage?.peakRssMiB,
    renders: runs.filter(([sub]) => sub !== 'version').reduce((sum, [, count]) => sum + count, 0),
    note: `helm processes run: ${runs.map(([sub, count]) => `${sub} ${count}`).join(', ')}`,
  };
}

export async function ferryFluxConverge(ctx: BenchContext, n: number): Promise<ConvergeFigure> {
  const round = ferryRound(0, `ff${n}`);
  ctx.progress.step(`${FERRY_FLUX}: writing ${n} HelmReleases`);
  await prepareRound(ctx, round);
  const namespace = await writeFluxObjects(ctx, n, round.prefix);
  const ready = new Tracker(ctx.kube, {
    apiVersion: HELM_RELEASE,
    kind: 'HelmRelease',
    namespace,
    select: () => true,
    done: helmReleaseReady,
  });
  try {
    while (ready.seen < n) await new Promise((r) => setTimeout(r, 100));
    const window = await openWindow(ctx);
    const helmBefore = ctx.helm.counts();
    const ferry = await startController(ctx, round, false);
    try {
      const at = await ready.until(n, convergeTimeoutMs(n), (done) =>
        ctx.progress.step(`${FERRY_FLUX}: ${done}/${n} HelmReleases Ready`),
      );
      const figure = figureOf(ferry, n, at, { before: helmBefore, after: ctx.helm.counts() });
      const api = await closeWindow(ctx, window, { namespacesCreated: n });
      await suspendFluxObjects(ctx, namespace);
      return { ...figure, api };
    } finally {
      await ferry.stop();
    }
  } finally {
    ready.stop();
  }
}
