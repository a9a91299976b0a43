/**
 * What a user scripts without GitOps: `helm upgrade --install` per release, one after
 * the other, and ten at a time. The packaged chart is pulled once (a local .tgz), as
 * Ferry caches it once; no --wait (the run ends when every Deployment is Available).
 */
import type { BenchContext } from '../context.js';
import { releases, type Release } from '../workload/apps.js';
import type { ConvergeFigure } from '../types.js';
import { pool } from '../util/time.js';
import { measurePeer } from './measure.js';
import { benchHelm, valuesFile } from './render.js';

async function install(ctx: BenchContext, r: Release): Promise<void> {
  const args = [
    'upgrade',
    '--install',
    r.name,
    ctx.chartFile,
    '--namespace',
    r.namespace,
    '--create-namespace',
  ];
  await benchHelm(ctx).run([...args, '-f', valuesFile(ctx, r)]);
}

/** Sequential helm; in quick mode only `sample` releases, and the figure is scaled to N. */
export async function helmSequential(ctx: BenchContext, n: number, prefix: string): Promise<ConvergeFigure> {
  const sample = Math.min(n, ctx.options.helmSequentialSample);
  const rs = releases(sample, prefix);
  let done = 0;
  const figure = await measurePeer(ctx, {
    who: 'helm-sequential',
    prefix,
    count: sample,
    act: async () => {
      for (const r of rs) {
        ctx.progress.step(`helm-sequential: ${++done}/${sample} releases installed`);
        await install(ctx, r);
      }
    },
  });
  if (sample === n) return figure;
  const scale = n / sample;
  return {
    ...figure,
    n,
    wallSeconds: figure.wallSeconds * scale,
    appliedSeconds: (figure.appliedSeconds ?? 0) * scale,
    cpuSeconds: (figure.cpuSeconds ?? 0) * scale,
    note: `measured on ${sample} releases (${figure.wallSeconds.toFixed(1)} s) and scaled ×${scale.toFixed(1)} to N; API counts are for the ${sample}`,
  };
}

export async function helmParallel(
  ctx: BenchContext,
  n: number,
  prefix: string,
  lanes = 10,
): Promise<ConvergeFigure> {
  const rs = releases(n, prefix);
  let done = 0;
  return measurePeer(ctx, {
    who: `helm-parallel-${lanes}`,
    prefix,
    count: n,
    act: () =>
      pool(rs, lanes, async (r) => {
        await install(ctx, r);
        ctx.progress.step(`helm-parallel-${lanes}: ${++done}/${n} releases installed`);
      }),
  });
}
