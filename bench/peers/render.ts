/**
 * The releases rendered once with `helm template` (not timed), for the lower bound:
 * one multi-document file with every Namespace first and every object namespaced.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { helmHome, type HelmHome } from '../../src/testbed/helm.js';
import type { BenchContext } from '../context.js';
import type { Release } from '../workload/apps.js';
import { now, pool, seconds } from '../util/time.js';

/** helm with its home inside the run's folder, pointed at the bed's cluster. */
export function benchHelm(ctx: BenchContext): HelmHome {
  return helmHome(join(ctx.workDir, 'helm-peer'), ctx.kubeconfig);
}

/** Writes each release's values to a file (`-f`), as a user's values files would be. */
export function valuesFile(ctx: BenchContext, release: Release): string {
  const dir = join(ctx.workDir, 'values');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${release.namespace}.yaml`);
  writeFileSync(file, stringify(release.values));
  return file;
}

export interface Rendered {
  file: string;
  objects: number;
  renderSeconds: number;
}

export async function renderAll(ctx: BenchContext, releases: Release[], name: string): Promise<Rendered> {
  const helm = benchHelm(ctx);
  const docs: string[] = [];
  const started = now();
  let objects = 0;
  await pool(releases, 2, async (r) => {
    const args = ['template', r.name, ctx.chartFile, '--namespace', r.namespace, '-f', valuesFile(ctx, r)];
    const { stdout } = await helm.run(args);
    const rendered = parseAllDocuments(stdout)
      .map((d) => d.toJS() as { metadata?: { namespace?: string } } | null)
      .filter((o): o is { metadata: { namespace?: string } } => !!o?.metadata);
    for (const o of rendered) o.metadata.namespace ??= r.namespace;
    docs.push(stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: r.namespace } }));
    docs.push(...rendered.map((o) => stringify(o)));
    objects += rendered.length + 1;
  });
  const nsFirst = [
    ...docs.filter((d) => d.includes('kind: Namespace')),
    ...docs.filter((d) => !d.includes('kind: Namespace')),
  ];
  const file = join(ctx.workDir, `${name}.yaml`);
  writeFileSync(file, nsFirst.join('---\n'));
  return { file, objects, renderSeconds: seconds(now() - started) };
}
