/**
 * The HelmChart a HelmRelease's `spec.chart` describes, kept in line with it (server-side
 * apply): named `<namespace>-<name>`, in the source's namespace, labelled with the
 * HelmRelease it belongs to. Switching to `spec.chartRef`, moving the chart or deleting
 * the HelmRelease deletes the chart it made (`status.helmChart` remembers which).
 *
 * Source namespaces: a sourceRef without a namespace means the HelmRelease's namespace,
 * as in Flux. When the source is not there but exists in the default source namespace
 * (`flux-system`), Ferry uses that one, so the seed's HelmRelease (in `my-app`) finds the
 * seed's HelmRepository (in `flux-system`) unchanged. Flux would report it missing.
 */
import {
  helmChartName,
  SOURCE_API_VERSION,
  type HelmChart,
  type HelmRelease,
} from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';

export const HR_NAME_LABEL = 'helm.toolkit.fluxcd.io/name';
export const HR_NAMESPACE_LABEL = 'helm.toolkit.fluxcd.io/namespace';

/** The namespace a source reference points into (see the module comment for the fallback). */
export async function sourceNamespace(
  home: Cluster,
  ref: { kind: string; name: string; namespace?: string },
  own: string,
  fallback: string,
): Promise<string> {
  if (ref.namespace) return ref.namespace;
  if (own === fallback) return own;
  const here = await home.get({
    apiVersion: SOURCE_API_VERSION,
    kind: ref.kind,
    namespace: own,
    name: ref.name,
  });
  if (here) return own;
  const there = await home.get({
    apiVersion: SOURCE_API_VERSION,
    kind: ref.kind,
    namespace: fallback,
    name: ref.name,
  });
  return there ? fallback : own;
}

/** `obj` without its undefined fields (server-side apply would otherwise claim them). */
function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== false)) as T;
}

export function desiredHelmChart(hr: HelmRelease, namespace: string): HelmChart {
  const template = hr.spec.chart!;
  const { sourceRef } = template.spec;
  const spec: HelmChart['spec'] = defined({
    chart: template.spec.chart,
    version: template.spec.version || '*',
    sourceRef: defined({ apiVersion: sourceRef.apiVersion, kind: sourceRef.kind, name: sourceRef.name }),
    interval: template.spec.interval ?? hr.spec.interval,
    reconcileStrategy: template.spec.reconcileStrategy,
    valuesFiles: template.spec.valuesFiles,
    ignoreMissingValuesFiles: template.spec.ignoreMissingValuesFiles,
    verify: template.spec.verify,
  });
  const labels = {
    ...template.metadata?.labels,
    [HR_NAME_LABEL]: hr.metadata.name ?? '',
    [HR_NAMESPACE_LABEL]: hr.metadata.namespace ?? '',
  };
  return {
    apiVersion: SOURCE_API_VERSION,
    kind: 'HelmChart',
    metadata: defined({
      name: helmChartName(hr),
      namespace,
      labels,
      annotations: template.metadata?.annotations,
    }),
    spec,
  };
}

async function deleteChart(home: Cluster, namespacedName: string | undefined): Promise<void> {
  if (!namespacedName) return;
  const [namespace, name] = namespacedName.split('/');
  if (!namespace || !name) return;
  await home.delete({ apiVersion: SOURCE_API_VERSION, kind: 'HelmChart', namespace, name }, 'Background');
}

/**
 * Creates or updates the HelmChart for `spec.chart` (deleting one made before elsewhere),
 * or deletes it when `spec.chartRef` is used. Writes `status.helmChart` on the working copy.
 */
export async function reconcileChartTemplate(
  home: Cluster,
  draft: HelmRelease,
  fallbackNamespace: string,
): Promise<void> {
  const status = (draft.status ??= {});
  if (!draft.spec.chart) {
    await deleteChart(home, status.helmChart);
    delete status.helmChart;
    return;
  }
  const ref = draft.spec.chart.spec.sourceRef;
  const own = draft.metadata.namespace ?? 'default';
  const namespace = await sourceNamespace(
    home,
    { ...ref, kind: ref.kind || 'HelmRepository' },
    own,
    fallbackNamespace,
  );
  const wanted = `${namespace}/${helmChartName(draft)}`;
  if (status.helmChart && status.helmChart !== wanted) await deleteChart(home, status.helmChart);
  await home.apply(desiredHelmChart(draft, namespace));
  status.helmChart = wanted;
}

/** Deletes the HelmChart a HelmRelease made (on deletion of the HelmRelease). */
export function deleteChartTemplate(home: Cluster, hr: HelmRelease): Promise<void> {
  return deleteChart(home, hr.status?.helmChart);
}
