/**
 * The cluster generator: one parameter set per cluster Secret matching the selector
 * (name, nameNormalized, server, project, metadata.labels/annotations, values), plus
 * the in-cluster destination when the selector is empty and no Secret names it.
 * With flatList, one parameter set `{clusters: [...]}`.
 */
import type { ClusterGenerator } from '../../api/argo/index.js';
import { appendValues, type TemplateSyntax } from '../interpolate.js';
import { sanitizeName, type Params } from '../params.js';
import { compileSelector, isEmptySelector } from '../selector.js';
import type { ClusterInfo } from './types.js';

export const inClusterServer = 'https://kubernetes.default.svc';
export const inClusterName = 'in-cluster';

/** Annotations Argo CD never passes on as parameters. */
const EXCLUDED_ANNOTATIONS = new Set([
  'argocd.argoproj.io/refresh',
  'argocd.argoproj.io/refresh-timestamp',
  'argocd.argoproj.io/hydrate',
  'argocd.argoproj.io/hydrate-timestamp',
  'argocd.argoproj.io/tracking-id',
  'argocd.argoproj.io/installation-id',
  'kubectl.kubernetes.io/last-applied-configuration',
]);

function clusterParams(cluster: ClusterInfo, goTemplate: boolean): Params {
  const params: Params = {
    name: cluster.name,
    nameNormalized: sanitizeName(cluster.name),
    server: cluster.server,
    project: cluster.project ?? '',
  };
  const annotations = Object.fromEntries(
    Object.entries(cluster.annotations).filter(([k]) => !EXCLUDED_ANNOTATIONS.has(k)),
  );
  if (goTemplate) {
    const metadata: Params = {};
    if (Object.keys(cluster.annotations).length > 0) metadata.annotations = annotations;
    if (Object.keys(cluster.labels).length > 0) metadata.labels = cluster.labels;
    return { ...params, metadata };
  }
  for (const [k, v] of Object.entries(annotations)) params[`metadata.annotations.${k}`] = v;
  for (const [k, v] of Object.entries(cluster.labels)) params[`metadata.labels.${k}`] = v;
  return params;
}

export function clusterGeneratorParams(
  generator: ClusterGenerator,
  clusters: readonly ClusterInfo[],
  syntax: TemplateSyntax,
): Params[] {
  const matches = compileSelector(generator.selector);
  // One per cluster name, as Argo CD keys them; sorted for a stable order.
  const byName = new Map(clusters.filter((c) => matches(c.labels)).map((c) => [c.name, c]));
  const selected = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  const params = selected.map((c) =>
    appendValues(clusterParams(c, syntax.goTemplate), generator.values, syntax),
  );
  const addLocal = isEmptySelector(generator.selector) && !clusters.some((c) => c.server === inClusterServer);
  if (addLocal) {
    const local = {
      name: inClusterName,
      nameNormalized: inClusterName,
      server: inClusterServer,
      project: '',
    };
    params.push(appendValues(local, generator.values, syntax));
  }
  return generator.flatList ? [{ clusters: params }] : params;
}
