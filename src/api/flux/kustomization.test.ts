import { describe, expect, it } from 'vitest';
import { kustomizationCrd } from './kustomization-crd.js';
import { validateKustomization } from './validate.js';

const full = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name: 'apps', namespace: 'flux-system' },
  spec: {
    interval: '10m',
    retryInterval: '1m',
    timeout: '5m',
    sourceRef: { kind: 'GitRepository', name: 'flux-system' },
    path: './apps/my-app/prod',
    prune: true,
    deletionPolicy: 'MirrorPrune',
    targetNamespace: 'my-app',
    namePrefix: 'p-',
    nameSuffix: '-s',
    commonMetadata: { labels: { team: 'a' }, annotations: { owner: 'b' } },
    dependsOn: [{ name: 'infra', namespace: 'flux-system' }],
    wait: false,
    healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'my-app' }],
    patches: [{ patch: '- op: add', target: { kind: 'Deployment', labelSelector: 'a=b' } }],
    images: [{ name: 'nginx', newTag: '1.25' }],
    components: ['../components/x'],
    postBuild: {
      substitute: { cluster_env: 'prod', REGION: 'eu' },
      substituteFrom: [{ kind: 'ConfigMap', name: 'vars', optional: true }],
    },
    suspend: false,
    force: false,
    kubeConfig: { secretRef: { name: 'prod-kubeconfig', key: 'value.yaml' } },
  },
};

const withSpec = (spec: Record<string, unknown>): unknown => ({ ...full, spec: { ...full.spec, ...spec } });

describe('Kustomization validation', () => {
  it('accepts every field Ferry reads', () => {
    expect(validateKustomization(full).errors).toEqual([]);
  });

  it.each([
    [
      { interval: '10 minutes' },
      'spec.interval must be a duration such as "30s", "5m" or "1h", got "10 minutes"',
    ],
    [{ prune: 'yes' }, 'spec.prune must be a boolean, got string "yes"'],
    [
      { sourceRef: { kind: 'HelmRepository', name: 'x' } },
      'spec.sourceRef.kind must be one of OCIRepository, GitRepository, Bucket, got "HelmRepository"',
    ],
    [
      { sourceRef: { kind: 'Bucket', name: 'x' } },
      'spec.sourceRef.kind Bucket is not supported by Ferry: use a GitRepository or OCIRepository',
    ],
    [{ path: '../other' }, 'spec.path must stay inside the source, got "../other"'],
    [
      { postBuild: { substitute: { 'bad-name': 'x' } } },
      'spec.postBuild.substitute: variable name "bad-name" must match ^[_a-zA-Z][_a-zA-Z0-9]*$',
    ],
    [
      { decryption: { provider: 'sops' } },
      'spec.decryption (SOPS) is not supported by Ferry: use SealedSecrets',
    ],
    [{ pruen: true }, 'spec.pruen is not a known field'],
  ])('%j → %s', (spec, message) => {
    expect(validateKustomization(withSpec(spec)).errors).toContain(message);
  });

  it('requires interval, prune and sourceRef', () => {
    const errors = validateKustomization({ ...full, spec: { path: './' } }).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        'spec.interval is required',
        'spec.prune is required',
        'spec.sourceRef is required',
      ]),
    );
  });
});

describe('Kustomization CRD', () => {
  it('is served as kustomizations.kustomize.toolkit.fluxcd.io/v1, short name ks, with status subresource', () => {
    const crd = kustomizationCrd() as unknown as {
      metadata: { name: string };
      spec: { names: { shortNames: string[]; kind: string }; versions: Array<Record<string, unknown>> };
    };
    expect(crd.metadata.name).toBe('kustomizations.kustomize.toolkit.fluxcd.io');
    expect(crd.spec.names).toMatchObject({ kind: 'Kustomization', shortNames: ['ks'] });
    expect(crd.spec.versions[0]).toMatchObject({ name: 'v1', storage: true, subresources: { status: {} } });
    expect(
      (crd.spec.versions[0]!.additionalPrinterColumns as Array<{ name: string }>).map((c) => c.name),
    ).toEqual(['Age', 'Ready', 'Status']);
  });
});
