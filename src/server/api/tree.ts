/**
 * The resource tree of an Application: the resources in `status.resources` (with the
 * sync and health the controller recorded), and below them what the cluster made of
 * them (ReplicaSets, Pods, Jobs, EndpointSlices), found through live ownerReferences.
 */
import type { Application, ResourceStatus } from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { resourceHealth } from '../../health/index.js';

export interface TreeNode {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  sync?: string;
  health?: { status: string; message?: string };
  children: TreeNode[];
}

/** Kinds whose objects are owned by managed resources; looked up in the namespaces the app uses. */
const childKinds = [
  { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'batch/v1', kind: 'Job' },
  { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' },
];

function nodeOf(obj: KubeObject): TreeNode {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const health = resourceHealth(obj);
  return {
    group: group ?? '',
    version: version ?? '',
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name ?? '',
    uid: obj.metadata.uid,
    ...(health
      ? { health: { status: health.status, ...(health.message ? { message: health.message } : {}) } }
      : {}),
    children: [],
  };
}

/** Attaches `objects` below the nodes whose uid their ownerReferences name, recursively. */
export function attachChildren(roots: TreeNode[], objects: KubeObject[]): void {
  const byOwner = new Map<string, KubeObject[]>();
  for (const o of objects)
    for (const ref of o.metadata.ownerReferences ?? [])
      byOwner.set(ref.uid, [...(byOwner.get(ref.uid) ?? []), o]);
  const visit = (node: TreeNode, depth: number): void => {
    if (!node.uid || depth > 5) return;
    node.children = (byOwner.get(node.uid) ?? []).map(nodeOf).sort((a, b) => a.name.localeCompare(b.name));
    for (const child of node.children) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
}

/** A node for a resource of `status.resources`, with the uid of its live object (if any). */
async function rootNode(r: ResourceStatus, cluster: Cluster): Promise<TreeNode> {
  const apiVersion = r.group ? `${r.group}/${r.version ?? ''}` : (r.version ?? 'v1');
  const ref = { apiVersion, kind: r.kind ?? '', namespace: r.namespace || undefined, name: r.name ?? '' };
  const live = await cluster.get(ref).catch(() => undefined);
  const health = r.health?.status ? { status: r.health.status, message: r.health.message } : undefined;
  return {
    group: r.group ?? '',
    version: r.version ?? '',
    kind: ref.kind,
    namespace: ref.namespace,
    name: ref.name,
    uid: live?.metadata.uid,
    sync: r.status,
    health,
    children: [],
  };
}

/** The tree; live lookups that fail leave a node without children rather than failing the answer. */
export async function resourceTree(app: Application, cluster: Cluster): Promise<TreeNode[]> {
  const resources = app.status?.resources ?? [];
  const roots = await Promise.all(resources.map((r) => rootNode(r, cluster)));
  const namespaces = [...new Set(resources.map((r) => r.namespace).filter((n): n is string => Boolean(n)))];
  const lists = namespaces.flatMap((namespace) =>
    childKinds.map((k) => cluster.list(k.apiVersion, k.kind, { namespace }).catch(() => [] as KubeObject[])),
  );
  attachChildren(roots, (await Promise.all(lists)).flat());
  return roots;
}
