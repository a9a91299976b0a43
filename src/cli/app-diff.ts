/** `ferry app diff`: render and compare in the CLI process, print per-resource diffs (Secrets redacted). */
import type { Application } from '../api/argo/index.js';
import type { Cluster, ObjectRef } from '../kube/cluster.js';
import { ClusterRegistry } from '../controllers/clusters.js';
import { createEngine } from '../engine/engine.js';
import { compare, type Comparison } from '../engine/compare.js';
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
  const rendered = await renderApp({ ...app, operation: undefined }, cluster, engine.manifests, {
    refresh: true,
    force,
  });
  const comparison = await compare({
    cluster,
    appInstance: appInstanceName(app.metadata.name ?? '', app.metadata.namespace ?? '', namespace),
    namespace: app.spec.destination.namespace ?? 'default',
    desired: rendered.objects,
    previous: previousResources(app),
    ignoreDifferences: app.spec.ignoreDifferences,
  });
  return comparison.resources
    .filter((r) => r.status !== 'Synced' && !r.hook)
    .map(resourceDiff)
    .join('\n');
}

type ComparedResource = Comparison['resources'][number];

/** The resources the app deployed last time, so those no longer rendered show as to be pruned. */
function previousResources(app: Application): ObjectRef[] {
  return (app.status?.resources ?? []).map((r) => ({
    apiVersion: r.group ? `${r.group}/${r.version ?? ''}` : (r.version ?? 'v1'),
    kind: r.kind ?? '',
    namespace: r.namespace || undefined,
    name: r.name ?? '',
  }));
}

function resourceDiff(r: ComparedResource): string {
  const group = r.ref.apiVersion.includes('/') ? r.ref.apiVersion.split('/')[0] : '';
  const title = `===== ${group}/${r.ref.kind} ${r.ref.namespace ?? ''}/${r.ref.name} ======`;
  return `${title}\n${diffBody(r)}`;
}

function diffBody(r: ComparedResource): string {
  if (r.requiresPruning) return '(not in the source any more: will be pruned)\n';
  return r.diff ? renderDiff(r.diff) : '';
}
