/**
 * Pod logs of an Application (Argo CD's `GET /api/v1/applications/{name}/logs`): only
 * Pods in the app's resource tree, read from the pods/log subresource of the app's
 * destination cluster. Without `pod`, the logs of every Pod in the tree (at most 10).
 */
import type { Application } from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import { ApiError } from '../../kube/errors.js';
import { loadApp, type ApiContext } from './context.js';
import { badRequest, HttpError, notFound } from './http.js';
import { resourceTree, type TreeNode } from './tree.js';

export interface PodLog {
  namespace: string;
  pod: string;
  container: string;
  lines: string[];
}

export interface LogQuery {
  pod?: string;
  namespace?: string;
  container?: string;
  tailLines?: number;
}

const maxPods = 10;
const limitBytes = 1024 * 1024;

/** The query: `pod` (or Argo CD's `podName`), `namespace`, `container`, `tailLines`. */
export function logQuery(q: URLSearchParams): LogQuery {
  const tail = q.get('tailLines');
  if (tail !== null && !/^\d+$/.test(tail))
    throw badRequest('query parameter "tailLines" must be a non-negative whole number');
  return {
    pod: q.get('pod') ?? q.get('podName') ?? undefined,
    namespace: q.get('namespace') || undefined,
    container: q.get('container') || undefined,
    tailLines: tail === null ? undefined : Number(tail),
  };
}

/** Every Pod node of the tree, at any depth. */
export function podsIn(nodes: TreeNode[]): TreeNode[] {
  return nodes.flatMap((n) => [...(n.kind === 'Pod' && n.group === '' ? [n] : []), ...podsIn(n.children)]);
}

/** The Pods the query selects among the app's; 404 when a named Pod is not the app's. */
export function selectPods(app: string, pods: TreeNode[], query: LogQuery): TreeNode[] {
  const inNamespace = pods.filter((p) => !query.namespace || p.namespace === query.namespace);
  if (!query.pod) {
    if (!inNamespace.length) throw notFound(`application "${app}" has no pods`);
    return inNamespace.slice(0, maxPods);
  }
  const named = inNamespace.filter((p) => p.name === query.pod);
  const where = query.namespace ? ` in namespace ${query.namespace}` : '';
  if (!named.length) throw notFound(`pod "${query.pod}"${where} is not part of application "${app}"`);
  if (named.length > 1)
    throw badRequest(`pod "${query.pod}" exists in several namespaces of "${app}": give ?namespace=`);
  return named;
}

async function podLog(cluster: Cluster, pod: TreeNode, query: LogQuery): Promise<PodLog> {
  const namespace = pod.namespace ?? 'default';
  const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod.name)}`;
  const live = (await cluster.rest.send<{ spec?: { containers?: Array<{ name: string }> } }>({
    method: 'GET',
    path: base,
  })) ?? { spec: {} };
  const names = (live.spec?.containers ?? []).map((c) => c.name);
  const container = query.container ?? names[0] ?? '';
  if (query.container && !names.includes(query.container))
    throw notFound(`pod "${pod.name}" has no container "${query.container}" (it has: ${names.join(', ')})`);
  try {
    const text = await cluster.rest.sendText({
      method: 'GET',
      path: `${base}/log`,
      query: { container, tailLines: query.tailLines, limitBytes },
    });
    return {
      namespace,
      pod: pod.name,
      container,
      lines: text.split('\n').filter((l, i, a) => l || i < a.length - 1),
    };
  } catch (err) {
    if (err instanceof ApiError && err.status >= 500)
      throw new HttpError(
        502,
        `the cluster could not serve the logs of pod ${namespace}/${pod.name}: ${err.message}`,
      );
    throw err;
  }
}

/** The logs of the app's Pods the query selects, read from its destination cluster (API and CLI). */
export async function readAppLogs(app: Application, cluster: Cluster, query: LogQuery): Promise<PodLog[]> {
  const pods = selectPods(app.metadata.name ?? '', podsIn(await resourceTree(app, cluster)), query);
  return Promise.all(pods.map((p) => podLog(cluster, p, query)));
}

export async function appLogs(ctx: ApiContext, name: string): Promise<{ items: PodLog[] }> {
  const query = logQuery(ctx.url.searchParams);
  const app = await loadApp(ctx.deps, name);
  const cluster = await ctx.deps.clusters.resolve(app.spec.destination);
  return { items: await readAppLogs(app, cluster, query) };
}

/** Log lines for a terminal: as they are for one Pod, prefixed `pod/container:` for several. */
export function formatLogs(items: PodLog[]): string {
  const prefix = (l: PodLog): string => (items.length > 1 ? `${l.pod}/${l.container}: ` : '');
  return items.flatMap((l) => l.lines.map((line) => `${prefix(l)}${line}\n`)).join('');
}
