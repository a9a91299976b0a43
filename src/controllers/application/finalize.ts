/**
 * Deleting an Application with the resources finalizer (Argo CD's cascade delete):
 * delete every resource it tracks, then release the finalizer. Without the
 * finalizer the resources stay, as in Argo CD.
 */
import type { Application, ResourceStatus } from '../../api/argo/index.js';
import type { Cluster, ObjectRef } from '../../kube/cluster.js';
import { trackedBy } from '../../engine/tracking.js';
import { appInstanceName } from '../../engine/tracking.js';
import type { ReconcilerDeps } from './reconcile.js';
import type { AppEvents } from './events.js';

export const resourcesFinalizer = 'resources-finalizer.argocd.argoproj.io';
export const backgroundFinalizer = 'resources-finalizer.argocd.argoproj.io/background';

/** One cascade delete: where the app's resources are, how to recognise them, how to delete them. */
interface Cascade {
  cluster: Cluster;
  instance: string;
  propagation: 'Foreground' | 'Background';
  events: AppEvents;
}

export async function finalizeDeletion(
  deps: ReconcilerDeps,
  app: Application,
  events: AppEvents,
): Promise<{ waiting: boolean }> {
  const ours = ourFinalizers(app);
  if (ours.length === 0) return { waiting: false };
  const cascade: Cascade = {
    cluster: await deps.clusters.resolve(app.spec.destination),
    instance: appInstanceName(app.metadata.name ?? '', app.metadata.namespace ?? '', deps.namespace),
    propagation: ours.includes(backgroundFinalizer) ? 'Background' : 'Foreground',
    events,
  };
  let remaining = 0;
  for (const r of app.status?.resources ?? []) {
    if (await deleteIfTracked(cascade, resourceRef(r))) remaining += 1;
  }
  // Foreground: the finalizer stays until the resources are gone; the caller looks again soon.
  if (remaining > 0 && cascade.propagation === 'Foreground') return { waiting: true };
  await releaseFinalizer(deps.home, app, ours);
  return { waiting: false };
}

function ourFinalizers(app: Application): string[] {
  return (app.metadata.finalizers ?? []).filter((f) => f === resourcesFinalizer || f === backgroundFinalizer);
}

function resourceRef(r: ResourceStatus): ObjectRef {
  return {
    apiVersion: r.group ? `${r.group}/${r.version}` : (r.version ?? 'v1'),
    kind: r.kind ?? '',
    namespace: r.namespace || undefined,
    name: r.name ?? '',
  };
}

/**
 * Deletes the resource if it still exists and this app tracks it (unless it is already
 * being deleted); returns whether it still exists.
 */
async function deleteIfTracked(cascade: Cascade, ref: ObjectRef): Promise<boolean> {
  const live = await cascade.cluster.get(ref).catch(() => undefined);
  if (!live || trackedBy(live) !== cascade.instance) return false;
  if (!live.metadata.deletionTimestamp) {
    await cascade.cluster.delete(ref, cascade.propagation);
    cascade.events.normal(
      'ResourceDeleted',
      `Deleted ${ref.kind}/${ref.name} (cascade delete of the application)`,
    );
  }
  return true;
}

/** Removes the first of our finalizers, only if it is still where we saw it. */
async function releaseFinalizer(home: Cluster, app: Application, ours: string[]): Promise<void> {
  const finalizers = app.metadata.finalizers ?? [];
  const index = finalizers.findIndex((f) => ours.includes(f));
  await home.jsonPatch(
    {
      apiVersion: app.apiVersion,
      kind: app.kind,
      namespace: app.metadata.namespace,
      name: app.metadata.name ?? '',
    },
    [
      { op: 'test', path: `/metadata/finalizers/${index}`, value: finalizers[index] },
      { op: 'remove', path: `/metadata/finalizers/${index}` },
    ],
  );
}
