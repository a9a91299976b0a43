/**
 * Figure 2: a full periodic resync of N unchanged apps (`--resync`), measured from
 * outside: the window opens once the controller has been quiet for a while, and
 * closes once N more reconciles were logged and it is quiet again. Targets: zero
 * writes, zero renders (every render from the cache).
 */
import type { BenchContext } from '../context.js';
import { closeWindow, openWindow } from '../context.js';
import type { SteadyFigure } from '../types.js';
import type { FerryProcess } from '../ferry/process.js';
import { helmCallsBetween } from '../ferry/helm-counter.js';
import { now, seconds, sleep } from '../util/time.js';
import { diffOwn, ferryOwnRequests } from '../ferry/own-metrics.js';

const QUIET_MS = 3000;

async function untilReconciles(ferry: FerryProcess, target: number, timeoutMs: number): Promise<void> {
  const deadline = now() + timeoutMs;
  while (ferry.reconciles < target) {
    if (now() > deadline)
      throw new Error(`resync: ${ferry.reconciles}/${target} reconciles after ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

export async function ferrySteadyResync(
  ctx: BenchContext,
  ferry: FerryProcess,
  n: number,
): Promise<SteadyFigure> {
  const periodMs = ctx.options.resyncSeconds * 1000;
  ctx.progress.step(`ferry steady state: waiting for the controller to be quiet`);
  await ferry.quiet(QUIET_MS, periodMs * 3);
  const ownBefore = await ferryOwnRequests(ferry.options.listen);
  const window = await openWindow(ctx);
  const before = ferry.usage();
  const helmBefore = ctx.helm.counts();
  const first = ferry.reconciles;
  ctx.progress.step(
    `ferry steady state: waiting for the next resync of ${n} apps (every ${ctx.options.resyncSeconds} s)`,
  );
  await untilReconciles(ferry, first + n, periodMs * 1.2 + n * 2000);
  await ferry.quiet(QUIET_MS, periodMs);
  const after = ferry.usage();
  const api = await closeWindow(ctx, window);
  const ownRequests = diffOwn(ownBefore, await ferryOwnRequests(ferry.options.listen));
  const batch = ferry.reconcileLog.slice(first, first + n);
  const start = Math.min(...batch.map((r) => r.end - r.ms));
  const end = Math.max(...batch.map((r) => r.end));
  return {
    n,
    wallSeconds: seconds(end - start),
    batchCpuSeconds: ferry.cpuAt(end) - ferry.cpuAt(start),
    cpuSeconds: (after?.cpuSeconds ?? 0) - (before?.cpuSeconds ?? 0),
    childCpuSeconds: (after?.childCpuSeconds ?? 0) - (before?.childCpuSeconds ?? 0),
    reconciles: ferry.reconciles - first,
    renders: helmCallsBetween(helmBefore, ctx.helm.counts(), 'template'),
    api,
    ownRequests,
  };
}
