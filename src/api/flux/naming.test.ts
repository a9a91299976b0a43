import { describe, expect, it } from 'vitest';
import type { HelmRelease } from './helmrelease-types.js';
import {
  helmChartName,
  helmChartNamespace,
  releaseName,
  releaseNamespace,
  shortenName,
  storageNamespace,
} from './naming.js';

const hr = (spec: Partial<HelmRelease['spec']>, name = 'my-app', namespace = 'apps'): HelmRelease => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name, namespace },
  spec: { interval: '5m', ...spec },
});

describe('shortenName (helm-controller internal/release/name_test.go)', () => {
  it.each([
    ['release-name', 'release-name'],
    [
      'release-name-with-very-long-name-which-is-longer-than-53-characters',
      'release-name-with-very-long-name-which-i-788ca0d0d7b0',
    ],
    [
      'another-release-name-with-very-long-name-which-is-longer-than-53-characters',
      'another-release-name-with-very-long-name-7e72150d5a36',
    ],
    ['', ''],
  ])('%j → %j', (name, expected) => {
    expect(shortenName(name)).toBe(expected);
    expect(shortenName(name).length).toBeLessThanOrEqual(53);
  });

  it('keeps a name of exactly 53 characters', () => {
    const name = 'a'.repeat(53);
    expect(shortenName(name)).toBe(name);
  });
});

describe('release naming', () => {
  it.each([
    [{}, 'my-app', 'apps', 'apps'],
    [{ targetNamespace: 'prod' }, 'prod-my-app', 'prod', 'apps'],
    [{ releaseName: 'custom', targetNamespace: 'prod' }, 'custom', 'prod', 'apps'],
    [{ storageNamespace: 'helm' }, 'my-app', 'apps', 'helm'],
  ] as Array<[Partial<HelmRelease['spec']>, string, string, string]>)('%j', (spec, name, ns, storage) => {
    expect(releaseName(hr(spec))).toBe(name);
    expect(releaseNamespace(hr(spec))).toBe(ns);
    expect(storageNamespace(hr(spec))).toBe(storage);
  });

  it('shortens a long [targetNamespace-]name', () => {
    const name = releaseName(
      hr({ targetNamespace: 'a-very-long-target-namespace-name' }, 'and-a-long-helmrelease-name'),
    );
    expect(name).toHaveLength(53);
    expect(name).toMatch(/^a-very-long-target-namespace-name-and-a--[0-9a-f]{12}$/);
  });

  it('names the HelmChart <namespace>-<name> in the source namespace', () => {
    const chart = {
      spec: {
        chart: 'my-app',
        sourceRef: { kind: 'HelmRepository' as const, name: 'charts', namespace: 'flux-system' },
      },
    };
    expect(helmChartName(hr({ chart }))).toBe('apps-my-app');
    expect(helmChartNamespace(hr({ chart }))).toBe('flux-system');
    expect(
      helmChartNamespace(
        hr({ chart: { spec: { ...chart.spec, sourceRef: { kind: 'HelmRepository', name: 'c' } } } }),
      ),
    ).toBe('apps');
  });
});
