/**
 * Carrying out a plan (appset/plan.ts) on the home cluster: create, update (a JSON patch
 * guarded by the resourceVersion it was planned against, so a concurrent change is never
 * overwritten) and delete Applications. Deleting an Application with the resources
 * finalizer makes the Application controller delete its resources first.
 */
import type { Application } from '../../api/argo/index.js';
import type { Change } from '../../appset/plan.js';
import type { Cluster } from '../../kube/cluster.js';
import { refOf } from '../../kube/cluster.js';

export interface Applied {
  change: Change;
  error?: string;
}

function updatePatch(next: Application, current: Application): unknown[] {
  const ops: Array<Record<string, unknown>> = [
    { op: 'test', path: '/metadata/resourceVersion', value: current.metadata.resourceVersion },
    { op: 'add', path: '/spec', value: next.spec },
    { op: 'add', path: '/metadata/ownerReferences', value: next.metadata.ownerReferences ?? [] },
  ];
  for (const field of ['labels', 'annotations', 'finalizers'] as const) {
    const value = next.metadata[field];
    if (value !== undefined) ops.push({ op: 'add', path: `/metadata/${field}`, value });
    else if (current.metadata[field] !== undefined) ops.push({ op: 'remove', path: `/metadata/${field}` });
  }
  if (next.operation) ops.push({ op: 'add', path: '/operation', value: next.operation });
  return ops;
}

async function applyOne(home: Cluster, change: Change): Promise<void> {
  switch (change.action) {
    case 'create':
      await home.create(change.app);
      return;
    case 'update':
      await home.jsonPatch(refOf(change.current), updatePatch(change.app, change.current));
      return;
    case 'delete':
      await home.delete(refOf(change.current), 'Background');
  }
}

/** Applies every change; one failing does not stop the others. */
export async function applyChanges(home: Cluster, changes: readonly Change[]): Promise<Applied[]> {
  const results: Applied[] = [];
  for (const change of changes) {
    try {
      await applyOne(home, change);
      results.push({ change });
    } catch (err) {
      results.push({ change, error: (err as Error).message });
    }
  }
  return results;
}

export function changeName(change: Change): string {
  return (change.action === 'delete' ? change.current : change.app).metadata.name ?? '';
}
