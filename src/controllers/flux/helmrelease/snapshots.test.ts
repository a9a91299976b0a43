import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../api/flux/index.js';
import {
  fullReleaseName,
  latest,
  previous,
  recordReleases,
  truncate,
  versionedChartName,
} from './snapshots.js';
import type { StoredRelease } from './storage.js';

const snap = (version: number, status: string, extra: Partial<Snapshot> = {}): Snapshot => ({
  digest: `sha256:${version}-${status}`,
  name: 'app',
  namespace: 'ns',
  version,
  status,
  chartName: 'app',
  chartVersion: `1.0.${version}`,
  configDigest: 'sha256:c',
  firstDeployed: 't',
  lastDeployed: 't',
  ...extra,
});

const stored = (version: number, status: StoredRelease['status']): StoredRelease => ({
  name: 'app',
  namespace: 'ns',
  version,
  status,
  description: '',
  chartName: 'app',
  chartVersion: `1.0.${version}`,
  configDigest: 'sha256:c',
  digest: `sha256:${version}-${status}`,
  firstDeployed: 't',
  lastDeployed: 't',
  testHooks: {},
  manifest: '',
  secret: { apiVersion: 'v1', kind: 'Secret', metadata: {} },
});

describe('snapshots', () => {
  it('latest is the highest version', () => {
    expect(latest([snap(1, 'superseded'), snap(3, 'failed'), snap(2, 'deployed')])?.version).toBe(3);
    expect(latest([])).toBeUndefined();
  });

  it('previous skips failed releases', () => {
    expect(
      previous([snap(4, 'failed'), snap(3, 'failed'), snap(2, 'superseded'), snap(1, 'superseded')], false)
        ?.version,
    ).toBe(2);
    expect(previous([snap(1, 'deployed')], false)).toBeUndefined();
  });

  it('truncate keeps up to the previous deployed release, else five', () => {
    expect(
      truncate([snap(3, 'failed'), snap(2, 'deployed'), snap(1, 'superseded')], false).map((s) => s.version),
    ).toEqual([3, 2]);
    const failures = [7, 6, 5, 4, 3, 2, 1].map((v) => snap(v, 'failed'));
    expect(truncate(failures, false).map((s) => s.version)).toEqual([7, 6, 5, 4, 3]);
  });

  it('recordReleases prepends new releases and refreshes known ones, keeping test results', () => {
    const history = [snap(1, 'deployed', { testHooks: { t: { phase: 'Succeeded' } } })];
    const out = recordReleases(history, [stored(1, 'superseded'), stored(2, 'deployed')], 1);
    expect(out.map((s) => [s.version, s.status])).toEqual([
      [2, 'deployed'],
      [1, 'superseded'],
    ]);
    expect(out[1]?.testHooks).toEqual({ t: { phase: 'Succeeded' } });
    expect(out[0]?.testHooks).toBeUndefined();
  });

  it('names releases and charts as Flux does', () => {
    expect(fullReleaseName(snap(3, 'deployed'))).toBe('ns/app.v3');
    expect(versionedChartName(snap(3, 'deployed'))).toBe('app@1.0.3');
  });
});
