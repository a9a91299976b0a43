/**
 * After a Flux-kind contender is measured, its HelmReleases, HelmCharts and
 * HelmRepositories are suspended, so that no later contender (Ferry runs both dialects
 * in one process; Flux's controllers watch every namespace) reconciles them again.
 */
import type { BenchContext } from '../context.js';
import { pool } from '../util/time.js';
import { HELM_RELEASE, SOURCE } from './workload.js';

const KINDS: Array<[string, string]> = [
  [HELM_RELEASE, 'HelmRelease'],
  [SOURCE, 'HelmChart'],
  [SOURCE, 'HelmRepository'],
];

export async function suspendFluxObjects(ctx: BenchContext, namespace: string): Promise<void> {
  for (const [apiVersion, kind] of KINDS) {
    ctx.kube.count('LIST');
    const list = await ctx.kube.cluster.list(apiVersion, kind, { namespace });
    await pool(list, 8, async (obj) => {
      await ctx.kube.mergePatch(obj, { spec: { suspend: true } });
    });
  }
}
