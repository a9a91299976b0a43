/**
 * Flux's helm-controller (with its source-controller) as a peer, built from the Go
 * module proxy: the same releases as HelmReleases, controllers started after the
 * objects are written, until every HelmRelease is Ready (helm-controller waits for
 * the release's resources, so Ready means the Deployment is Available).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/util/exec.js';
import type { BenchContext } from '../context.js';
import { closeWindow, openWindow } from '../context.js';
import type { ConvergeFigure, PeerStatus } from '../types.js';
import { Tracker, helmReleaseReady } from '../kube/tracker.js';
import { ensureFluxController, fluxBuilt, fluxVersions, type FluxBinary } from '../flux/build.js';
import { startFlux } from '../flux/controllers.js';
import { HELM_RELEASE } from '../flux/workload.js';
import { suspendFluxObjects } from '../flux/suspend.js';
import { writeFluxObjects } from '../phases/ferry-flux.js';
import { now, seconds } from '../util/time.js';
import { convergeTimeoutMs } from '../phases/ferry-cold.js';

const WHO = 'flux-helm-controller';
let binaries: Promise<{ source: FluxBinary; helm: FluxBinary }> | undefined;

async function findOrBuild(ctx: BenchContext): Promise<{ source: FluxBinary; helm: FluxBinary }> {
  const progress = (m: string): void => ctx.progress.step(m);
  binaries ??= (async () => ({
    source: await ensureFluxController('source-controller', progress),
    helm: await ensureFluxController('helm-controller', progress),
  }))();
  return binaries;
}

async function installCrds(
  ctx: BenchContext,
  found: { source: FluxBinary; helm: FluxBinary },
): Promise<void> {
  const files = [found.source, found.helm].flatMap((b) => {
    const dir = join(b.moduleDir, 'config', 'crd', 'bases');
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(dir, f));
  });
  const args = ['--kubeconfig', ctx.kubeconfig, 'apply', '--server-side', '--force-conflicts'];
  await run(ctx.bed.tools.kubectl, [...args, ...files.flatMap((f) => ['-f', f])]);
  await run(ctx.bed.tools.kubectl, [
    '--kubeconfig',
    ctx.kubeconfig,
    'wait',
    '--for=condition=Established',
    'crd',
    '--all',
  ]);
}

async function converge(
  ctx: BenchContext,
  found: { source: FluxBinary; helm: FluxBinary },
  n: number,
  prefix: string,
): Promise<ConvergeFigure> {
  await installCrds(ctx, found);
  const namespace = await writeFluxObjects(ctx, n, prefix);
  const ready = new Tracker(ctx.kube, {
    apiVersion: HELM_RELEASE,
    kind: 'HelmRelease',
    namespace,
    select: () => true,
    done: helmReleaseReady,
  });
  try {
    const window = await openWindow(ctx);
    const started = now();
    const flux = await startFlux(found, {
      kubeconfig: ctx.kubeconfig,
      dir: ctx.workDir,
      concurrent: ctx.options.workers,
      namespace,
    });
    try {
      const at = await ready.until(n, convergeTimeoutMs(n), (done) =>
        ctx.progress.step(`${WHO}: ${done}/${n} HelmReleases Ready`),
      );
      const usage = flux.usage();
      const api = await closeWindow(ctx, window, { namespacesCreated: n });
      await suspendFluxObjects(ctx, namespace);
      return {
        who: WHO,
        n,
        wallSeconds: seconds(at - started),
        cpuSeconds: usage.cpuSeconds,
        childCpuSeconds: usage.childCpuSeconds,
        peakRssMiB: usage.peakRssMiB,
        api,
        note: `helm-controller ${fluxVersions['helm-controller']} + source-controller ${fluxVersions['source-controller']}, --concurrent=${ctx.options.workers} each; CPU and peak RSS are the two processes summed`,
      };
    } finally {
      await flux.stop();
    }
  } finally {
    ready.stop();
  }
}

/** The peer's figure, or why it is not available (build failure, not asked for). */
export async function fluxPeer(
  ctx: BenchContext,
  n: number,
  prefix: string,
): Promise<ConvergeFigure | PeerStatus> {
  if (ctx.options.flux === 'off')
    return {
      who: WHO,
      available: false,
      reason: 'skipped (--flux off; the quick variant skips the Flux dialect)',
    };
  if (ctx.options.flux === 'auto' && !fluxBuilt()) {
    return {
      who: WHO,
      available: false,
      reason: 'not built yet (this run does not build it; `npm run bench -- --flux build` builds it once)',
    };
  }
  let found: { source: FluxBinary; helm: FluxBinary };
  try {
    found = await findOrBuild(ctx);
  } catch (err) {
    return {
      who: WHO,
      available: false,
      reason: `cannot be built from the Go module proxy: ${(err as Error).message.slice(0, 600)}`,
    };
  }
  return converge(ctx, found, n, prefix);
}
