import { describe, expect, it } from 'vitest';
import { fluxObjectErrors, validateHelmRelease } from './validate.js';
import { load, loadAll, withField } from './testdata/load.js';

describe('valid Flux objects', () => {
  it.each(['helmrelease-seed.yaml', 'helmrelease-full.yaml'])('%s is a valid HelmRelease', (file) => {
    expect(validateHelmRelease(load(file)).errors).toEqual([]);
  });

  it.each(
    loadAll('sources.yaml').map((doc) => [
      `${doc.kind as string}/${(doc.metadata as { name: string }).name}`,
      doc,
    ]),
  )('%s is valid', (_name, doc) => {
    expect(fluxObjectErrors(doc, doc.kind as 'HelmChart')).toEqual([]);
  });
});

describe('HelmRelease errors name the field', () => {
  const seed = load('helmrelease-seed.yaml');
  it.each([
    ['spec.chart.spec.versoin', '1.0.0', 'spec.chart.spec.versoin is not a known field'],
    [
      'spec.upgrade.remediation.retries',
      'three',
      'spec.upgrade.remediation.retries must be an integer, got string "three"',
    ],
    [
      'spec.upgrade.remediation.strategy',
      'reinstall',
      'spec.upgrade.remediation.strategy must be one of rollback, uninstall, got "reinstall"',
    ],
    [
      'spec.valuesFrom',
      [{ kind: 'Config', name: 'x' }],
      'spec.valuesFrom[0].kind must be one of Secret, ConfigMap, got "Config"',
    ],
    ['spec.valuesFrom', [{ kind: 'ConfigMap' }], 'spec.valuesFrom[0].name is required'],
    [
      'spec.interval',
      '5 minutes',
      'spec.interval must be a duration such as "30s", "5m" or "1h", got "5 minutes"',
    ],
    [
      'spec.upgrade.timeout',
      '1d',
      'spec.upgrade.timeout must be a duration such as "30s", "5m" or "1h", got "1d"',
    ],
    ['spec.releaseName', 'x'.repeat(54), 'spec.releaseName must be at most 53 characters, got 54'],
    ['spec.chartRef', { kind: 'OCIRepository', name: 'x' }, 'spec: either chart or chartRef must be set'],
    ['spec.chart', undefined, 'spec: either chart or chartRef must be set'],
    ['spec.maxHistory', -1, 'spec.maxHistory must not be negative'],
    [
      'spec.valuesFrom',
      [{ kind: 'Secret', name: 's', valuesKey: 'a/b' }],
      'spec.valuesFrom[0].valuesKey must be a data key ([-._a-zA-Z0-9]), got "a/b"',
    ],
    [
      'spec.valuesFrom',
      [{ kind: 'Secret', name: 's', targetPath: 'a b' }],
      'spec.valuesFrom[0].targetPath must be a dot path such as "image.tag" or "list[0].name", got "a b"',
    ],
    ['spec.interval', undefined, 'spec.interval is required'],
    [
      'apiVersion',
      'helm.toolkit.fluxcd.io/v2beta1',
      'apiVersion must be helm.toolkit.fluxcd.io/v2, got "helm.toolkit.fluxcd.io/v2beta1"',
    ],
  ])('%s = %j', (path, value, message) => {
    expect(validateHelmRelease(withField(seed, path, value)).errors).toEqual([message]);
  });
});

describe('source rules', () => {
  const [ociRepo, httpRepo, git, oci] = loadAll('sources.yaml');
  it.each([
    [
      ociRepo!,
      'spec.url',
      'https://ghcr.io/org/charts',
      'spec.url must be an oci:// URL (spec.type is oci), got "https://ghcr.io/org/charts"',
    ],
    [httpRepo!, 'spec.url', 'ftp://x', 'spec.url must be an http:// or https:// URL, got "ftp://x"'],
    [httpRepo!, 'spec.type', 'helm', 'spec.type must be one of default, oci, got "helm"'],
    [
      git!,
      'spec.url',
      'git@github.com:org/repo',
      'spec.url must be an http(s):// or ssh:// URL, got "git@github.com:org/repo"',
    ],
    [git!, 'spec.ref.branhc', 'main', 'spec.ref.branhc is not a known field'],
    [
      oci!,
      'spec.layerSelector.operation',
      'unpack',
      'spec.layerSelector.operation must be one of extract, copy, got "unpack"',
    ],
  ])('%#: %s', (doc, path, value, message) => {
    expect(fluxObjectErrors(withField(doc, path, value), doc.kind as 'HelmChart')).toEqual([message]);
  });
});
