/**
 * `status.history`: snapshots of the Helm releases a HelmRelease made, newest first, with
 * helm-controller's rules for the latest, the previous (rollback target) and truncation.
 */
import type { Snapshot } from '../../../api/flux/index.js';
import type { StoredRelease } from './storage.js';

const DEFAULT_MAX_HISTORY = 5;

export const byVersionDesc = (history: Snapshot[]): Snapshot[] =>
  [...history].sort((a, b) => b.version - a.version);

export function latest(history: Snapshot[] | undefined): Snapshot | undefined {
  return byVersionDesc(history ?? [])[0];
}

const hasFailedTest = (s: Snapshot): boolean =>
  Object.values(s.testHooks ?? {}).some((h) => h.phase === 'Failed');
const deployedOrSuperseded = (s: Snapshot): boolean => s.status === 'deployed' || s.status === 'superseded';

/** The newest snapshot before the latest that was deployed or superseded (and, unless ignored, passed its tests). */
export function previous(history: Snapshot[] | undefined, ignoreTests: boolean): Snapshot | undefined {
  return byVersionDesc(history ?? [])
    .slice(1)
    .find((s) => deployedOrSuperseded(s) && (ignoreTests || !hasFailedTest(s)));
}

/** Drops everything older than the previous deployed snapshot; without one, keeps the newest five. */
export function truncate(history: Snapshot[] | undefined, ignoreTests: boolean): Snapshot[] {
  const sorted = byVersionDesc(history ?? []);
  if (sorted.length < 2) return sorted;
  const at = sorted.slice(1).findIndex((s) => deployedOrSuperseded(s) && (ignoreTests || !hasFailedTest(s)));
  if (at >= 0) return sorted.slice(0, at + 2);
  return sorted.slice(0, DEFAULT_MAX_HISTORY);
}

export const fullReleaseName = (s: Pick<Snapshot, 'namespace' | 'name' | 'version'>): string =>
  `${s.namespace}/${s.name}.v${s.version}`;

export const versionedChartName = (s: Pick<Snapshot, 'chartName' | 'chartVersion'>): string =>
  `${s.chartName}@${s.chartVersion}`;

export const hasBeenTested = (s: Snapshot | undefined): boolean => s?.testHooks !== undefined;

export function toSnapshot(release: StoredRelease, testHooks?: Snapshot['testHooks']): Snapshot {
  const snapshot: Snapshot = {
    apiVersion: 'v2',
    digest: release.digest,
    name: release.name,
    namespace: release.namespace,
    version: release.version,
    status: release.status,
    chartName: release.chartName,
    chartVersion: release.chartVersion,
    configDigest: release.configDigest,
    firstDeployed: release.firstDeployed,
    lastDeployed: release.lastDeployed,
  };
  if (release.appVersion) snapshot.appVersion = release.appVersion;
  if (release.deleted) snapshot.deleted = release.deleted;
  if (testHooks) snapshot.testHooks = testHooks;
  return snapshot;
}

/**
 * History after an action: snapshots of releases this action wrote (versions above
 * `sinceVersion`) prepended, and existing snapshots refreshed from storage (a previous
 * release moves from deployed to superseded), keeping their test results.
 */
export function recordReleases(
  history: Snapshot[] | undefined,
  stored: StoredRelease[],
  sinceVersion: number,
): Snapshot[] {
  const byVersion = new Map(stored.map((r) => [r.version, r]));
  const refreshed = (history ?? []).map((s) => {
    const r = byVersion.get(s.version);
    return r && r.name === s.name && r.namespace === s.namespace ? toSnapshot(r, s.testHooks) : s;
  });
  const known = new Set(refreshed.map((s) => `${s.name}/${s.version}`));
  const added = stored
    .filter((r) => r.version > sinceVersion && !known.has(`${r.name}/${r.version}`))
    .map((r) => toSnapshot(r));
  return byVersionDesc([...added, ...refreshed]);
}
