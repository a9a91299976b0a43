/**
 * The lower bound: every release pre-rendered (not timed), then ONE
 * `kubectl apply --server-side` of all of it, until every Deployment is Available.
 * That is the apiserver's own limit for this workload.
 */
import { run } from '../../src/util/exec.js';
import type { BenchContext } from '../context.js';
import { releases } from '../workload/apps.js';
import type { ConvergeFigure } from '../types.js';
import { measurePeer } from './measure.js';
import { renderAll } from './render.js';

export const LOWER_BOUND = 'kubectl-apply';

export async function kubectlLowerBound(
  ctx: BenchContext,
  n: number,
  prefix: string,
): Promise<ConvergeFigure> {
  const rs = releases(n, prefix);
  ctx.progress.step(`${LOWER_BOUND}: rendering ${n} releases with helm template (not timed)`);
  const rendered = await renderAll(ctx, rs, `${prefix}-rendered`);
  const args = ['apply', '--server-side', '--field-manager', 'bench-kubectl', '-f', rendered.file];
  return measurePeer(ctx, {
    who: LOWER_BOUND,
    prefix,
    count: n,
    act: async () => {
      ctx.progress.step(`${LOWER_BOUND}: applying ${rendered.objects} objects`);
      await run(ctx.bed.tools.kubectl, ['--kubeconfig', ctx.kubeconfig, ...args]);
    },
    note: `${rendered.objects} objects in one apply; pre-render took ${rendered.renderSeconds.toFixed(1)} s (not timed)`,
  });
}
