/** `ferry app diff`: render and compare in the CLI process, print per-resource diffs (Secrets redacted). */
import type { Application } from '../api/argo/index.js';
import type { Cluster } from '../kube/cluster.js';
import { ClusterRegistry } from '../controllers/clusters.js';
import { createEngine } from '../engine/engine.js';
import { compare } from '../engine/compare.js';
import { appInstanceName } from '../engine/tracking.js';
import { renderApp } from '../controllers/application/sources.js';
import { renderDiff } from '../diff/index.js';

export async function diffApplication(
  home: Cluster,
  namespace: string,
  app: Application,
  force: boolean,
): Promise<string> {
  const engine = createEngine(home, namespace);
  const cluster = await new ClusterRegistry(home, namespace).resolve(app.spec.destination);
  const rendered = await renderApp({ ...app, operation: undefined }, cluster, engine.manifests, force);
  const comparison = await compare({
    cluster,
    appInstance: appInstanceName(app.metadata.name ?? '', app.metadata.namespace ?? '', namespace),
    namespace: app.spec.destination.namespace ?? 'default',
    desired: rendered.objects,
    previous: (app.status?.resources ?? []).map((r) => ({
      apiVersion: r.group ? `${r.group}/${r.version ?? ''}` : (r.version ?? 'v1'),
      kind: r.kind ?? '',
      namespace: r.namespace || undefined,
      name: r.name ?? '',
    })),
    ignoreDifferences: app.spec.ignoreDifferences,
  });
  const parts: string[] = [];
  for (const r of comparison.resources) {
    if (r.status === 'Synced' || r.hook) continue;
    const title = `===== ${r.ref.apiVersion.includes('/') ? r.ref.apiVersion.split('/')[0] : ''}/${r.ref.kind} ${r.ref.namespace ?? ''}/${r.ref.name} ======`;
    const body = r.requiresPruning
      ? '(not in the source any more: will be pruned)\n'
      : r.diff
        ? renderDiff(r.diff)
        : '';
    parts.push(`${title}\n${body}`);
  }
  return parts.join('\n');
}
