/**
 * Flux's own metrics for the Flux objects Ferry reconciles, named and labelled as Flux's
 * controllers export them, so Flux dashboards and alerts work unchanged:
 * `gotk_reconcile_condition{kind,name,namespace,type,status}` (1 for the Ready
 * condition's current status, 0 for the others; status "Deleted" while the object is
 * being deleted), `gotk_suspend_status{kind,name,namespace}` (1 when suspended), read at
 * scrape time; and `gotk_reconcile_duration_seconds{kind,name,namespace}`, observed by
 * the Flux kind controllers.
 */
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { genericKinds, listIfInstalled } from '../api/kinds.js';
import { family, Histogram, type Labels } from './exposition.js';

const fluxPlurals = [
  'helmreleases',
  'kustomizations',
  'gitrepositories',
  'helmrepositories',
  'helmcharts',
  'ocirepositories',
  'imagerepositories',
  'imagepolicies',
  'imageupdateautomations',
];
const statuses = ['True', 'False', 'Unknown', 'Deleted'];

export const fluxReconcileDuration = (): Histogram =>
  new Histogram(
    'gotk_reconcile_duration_seconds',
    'The duration in seconds of a GitOps Toolkit resource reconciliation.',
    [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    { labeled: true },
  );

const objectLabels = (o: KubeObject): Labels => ({
  kind: o.kind,
  name: o.metadata.name ?? '',
  namespace: o.metadata.namespace ?? '',
});

/** The Ready condition's series of one object: 1 for its current status, 0 for the others. */
export function conditionSamples(o: KubeObject): Array<{ labels: Labels; value: number }> {
  const conditions = (o.status as { conditions?: Array<{ type?: string; status?: string }> } | undefined)
    ?.conditions;
  const ready = conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
  const current = o.metadata.deletionTimestamp ? 'Deleted' : ready;
  return statuses.map((status) => ({
    labels: { ...objectLabels(o), type: 'Ready', status },
    value: status === current ? 1 : 0,
  }));
}

/** Every Flux object of the kinds the cluster serves. */
export async function listFluxObjects(home: Cluster): Promise<KubeObject[]> {
  const lists = await Promise.all(fluxPlurals.map((p) => listIfInstalled(home, genericKinds[p]!)));
  return lists.flatMap((l) => l ?? []);
}

export function renderFluxGauges(objects: KubeObject[]): string {
  return [
    family(
      'gotk_reconcile_condition',
      'gauge',
      'The current condition status of a GitOps Toolkit resource reconciliation.',
      objects.flatMap(conditionSamples),
    ),
    family(
      'gotk_suspend_status',
      'gauge',
      'The current suspend status of a GitOps Toolkit resource.',
      objects.map((o) => ({
        labels: objectLabels(o),
        value: (o.spec as { suspend?: boolean } | undefined)?.suspend ? 1 : 0,
      })),
    ),
  ].join('');
}
