/**
 * What every peer shares: a watch on the Deployments of its namespaces, an API window,
 * and the CPU of the CLI processes it ran (this harness's reaped children).
 */
import type { BenchContext } from '../context.js';
import { closeWindow, openWindow } from '../context.js';
import { Tracker, deploymentAvailable } from '../kube/tracker.js';
import { inPrefix } from '../workload/apps.js';
import { readUsage } from '../util/proc.js';
import { now, seconds } from '../util/time.js';
import type { ConvergeFigure } from '../types.js';
import { convergeTimeoutMs } from '../phases/ferry-cold.js';

export interface PeerRun {
  who: string;
  prefix: string;
  /** Releases the peer installs (Deployments to wait for). */
  count: number;
  /** Does the peer's work; resolves when its commands have returned. */
  act: () => Promise<void>;
  note?: string;
}

/** Runs a peer from its first command until all its Deployments are Available. */
export async function measurePeer(ctx: BenchContext, run: PeerRun): Promise<ConvergeFigure> {
  const deployments = new Tracker(ctx.kube, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    select: inPrefix(run.prefix),
    done: deploymentAvailable,
  });
  try {
    const window = await openWindow(ctx);
    const cpuBefore = readUsage(process.pid)?.childCpuSeconds ?? 0;
    const started = now();
    await run.act();
    const applied = now();
    const at = await deployments.until(run.count, convergeTimeoutMs(run.count), (done) =>
      ctx.progress.step(`${run.who}: ${done}/${run.count} Deployments Available`),
    );
    const cpu = (readUsage(process.pid)?.childCpuSeconds ?? 0) - cpuBefore;
    return {
      who: run.who,
      n: run.count,
      wallSeconds: seconds(at - started),
      appliedSeconds: seconds(applied - started),
      cpuSeconds: cpu,
      api: await closeWindow(ctx, window, { namespacesCreated: run.count }),
      note: run.note,
    };
  } finally {
    deployments.stop();
  }
}
