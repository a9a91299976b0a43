/**
 * Deleting an Application with the resources finalizer (Argo CD's cascade delete):
 * delete every resource it tracks, then release the finalizer. Without the
 * finalizer the resources stay, as in Argo CD.
 */
import type { Application } from '../../api/argo/index.js';
import { trackedBy } from '../../engine/tracking.js';
import { appInstanceName } from '../../engine/tracking.js';
import type { ReconcilerDeps } from './reconcile.js';
import type { AppEvents } from './events.js';

export const resourcesFinalizer = 'resources-finalizer.argocd.argoproj.io';
export const backgroundFinalizer = 'resources-finalizer.argocd.argoproj.io/background';

export async function finalizeDeletion(
  deps: ReconcilerDeps,
  app: Application,
  events: AppEvents,
): Promise<void> {
  const finalizers = app.metadata.finalizers ?? [];
  const ours: string[] = finalizers.filter((f) => f === resourcesFinalizer || f === backgroundFinalizer);
  if (ours.length === 0) return;
  const cluster = await deps.clusters.resolve(app.spec.destination);
  const instance = appInstanceName(app.metadata.name ?? '', app.metadata.namespace ?? '', deps.namespace);
  const propagation = ours.includes(backgroundFinalizer) ? 'Background' : 'Foreground';
  let remaining = 0;
  for (const r of app.status?.resources ?? []) {
    const ref = {
      apiVersion: r.group ? `${r.group}/${r.version}` : (r.version ?? 'v1'),
      kind: r.kind ?? '',
      namespace: r.namespace || undefined,
      name: r.name ?? '',
    };
    const live = await cluster.get(ref).catch(() => undefined);
    if (!live || trackedBy(live) !== instance) continue;
    remaining += 1;
    if (!live.metadata.deletionTimestamp) {
      await cluster.delete(ref, propagation);
      events.normal('ResourceDeleted', `Deleted ${ref.kind}/${ref.name} (cascade delete of the application)`);
    }
  }
  if (remaining > 0 && propagation === 'Foreground') {
    // Come back until they are gone; the controller requeues deleting apps.
    throw new Error(`waiting for ${remaining} resource(s) of ${app.metadata.name} to be deleted`);
  }
  const index = finalizers.findIndex((f) => ours.includes(f));
  await deps.home.jsonPatch(
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
