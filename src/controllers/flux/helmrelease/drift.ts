/**
 * Drift detection (`spec.driftDetection`), after helm-controller: every object of the
 * release's manifest in Helm's storage is dry-run applied (server-side, so defaults and
 * admission apply) and compared with the live object; fields under `ignore[].paths` (JSON
 * pointers, for the objects `target` selects) and objects marked
 * `helm.toolkit.fluxcd.io/driftDetection: disabled` do not count. `mode: enabled` corrects
 * the drift by applying the manifest objects again (no new Helm revision); `warn` only
 * reports it.
 */
import type { DriftDetection, HelmRelease } from '../../../api/flux/index.js';
import { diffObject, type IgnoreDifferencesRule } from '../../../diff/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import { refOf } from '../../../kube/cluster.js';
import { groupOf, type KubeObject } from '../../../kube/object.js';
import { parseManifests } from '../../../render/manifests.js';
import type { StoredRelease } from './storage.js';

export const DRIFT_DETECTION_KEY = 'helm.toolkit.fluxcd.io/driftDetection';

export interface DriftChange {
  object: KubeObject;
  /** Missing from the cluster, or changed there. */
  type: 'create' | 'update';
  /** JSON pointers of the changed fields. */
  paths: string[];
}

export function driftMode(hr: HelmRelease): NonNullable<DriftDetection['mode']> {
  return hr.spec.driftDetection?.mode ?? 'disabled';
}

/** `ignore` rules as the diff module's ignoreDifferences rules. */
export function ignoreRules(detection: DriftDetection | undefined): IgnoreDifferencesRule[] {
  return (detection?.ignore ?? []).map((rule) => {
    const t = rule.target ?? {};
    return {
      group: t.group ?? '*',
      kind: t.kind ?? '*',
      ...(t.name ? { name: t.name } : {}),
      ...(t.namespace ? { namespace: t.namespace } : {}),
      jsonPointers: rule.paths,
    };
  });
}

const disabled = (obj: KubeObject | undefined): boolean =>
  obj?.metadata.annotations?.[DRIFT_DETECTION_KEY] === 'disabled' ||
  obj?.metadata.labels?.[DRIFT_DETECTION_KEY] === 'disabled';

/** The manifest's objects, placed in the release namespace where their kind is namespaced. */
async function manifestObjects(cluster: Cluster, release: StoredRelease): Promise<KubeObject[]> {
  const objects = parseManifests(release.manifest, `release ${release.namespace}/${release.name}`);
  return Promise.all(
    objects.map(async (obj) => {
      const { namespaced } = await cluster.resourceFor(obj.apiVersion, obj.kind);
      if (!namespaced || obj.metadata.namespace) return obj;
      return { ...obj, metadata: { ...obj.metadata, namespace: release.namespace } };
    }),
  );
}

export async function detectDrift(
  cluster: Cluster,
  hr: HelmRelease,
  release: StoredRelease,
): Promise<DriftChange[]> {
  const rules = ignoreRules(hr.spec.driftDetection);
  const changes: DriftChange[] = [];
  for (const object of await manifestObjects(cluster, release)) {
    if (disabled(object)) continue;
    const live = await cluster.get(refOf(object));
    if (!live) {
      changes.push({ object, type: 'create', paths: [] });
      continue;
    }
    if (disabled(live)) continue;
    const predicted = await cluster.apply(object, { dryRun: true });
    const diff = diffObject(predicted, live, { ignoreDifferences: rules });
    if (!diff.equal) changes.push({ object, type: 'update', paths: diff.changes.map((c) => c.path) });
  }
  return changes;
}

/** Applies the drifted objects again, as the manifest has them. */
export async function correctDrift(cluster: Cluster, changes: DriftChange[]): Promise<void> {
  for (const change of changes) await cluster.apply(change.object);
}

/** `Deployment/my-app/my-app changed (/spec/replicas)`, one line per object. */
export function describeDrift(changes: DriftChange[]): string {
  return changes
    .map((c) => {
      const group = groupOf(c.object.apiVersion);
      const name = `${c.object.kind}${group ? `.${group}` : ''}/${c.object.metadata.namespace ? `${c.object.metadata.namespace}/` : ''}${c.object.metadata.name ?? ''}`;
      return c.type === 'create' ? `${name} removed` : `${name} changed (${c.paths.join(', ')})`;
    })
    .join('\n');
}
