/**
 * More sources and sync features against the real bed: a chart from the OCI registry
 * with repository credentials, Kustomize and plain directories from Git, sync waves
 * and a PreSync hook Job, AppProject kind limits, and cascade delete from the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import type { V1Deployment } from '@kubernetes/client-node';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { Application } from '../../src/api/argo/index.js';
import type { KubeObject } from '../../src/kube/object.js';
import { projectRoot } from '../../src/util/paths.js';
import { ferry as cli } from '../support/cli.js';
import { startFerryOn, syncedAndHealthy, waitForApp, appRef, type FerryUnderTest } from '../support/ferry.js';
import { eventually } from '../support/kube.js';

let bed: Testbed;
let f: FerryUnderTest;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-src-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

const cm = (name: string, extra = ''): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n  a: "1"\n`;

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'] });
  await bed.publishChart(join(projectRoot(), 'examples', 'charts', 'my-app'), { version: '1.2.0' });
  await bed.git.pushFolder(
    'repo',
    folder({
      'kustomized/base/kustomization.yaml': 'resources:\n  - cm.yaml\n',
      'kustomized/base/cm.yaml': cm('settings'),
      'kustomized/dev/kustomization.yaml':
        'resources:\n  - ../base\nnamePrefix: dev-\ncommonLabels:\n  env: dev\n',
      'nested/top.yaml': cm('top'),
      'nested/sub/deeper.yaml': cm('deeper'),
      'waves/a-hook.yaml':
        'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n    argocd.argoproj.io/hook: PreSync\n    argocd.argoproj.io/hook-delete-policy: BeforeHookCreation\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: example.invalid/migrate:1\n',
      'waves/b-late.yaml': cm('late', '  annotations:\n    argocd.argoproj.io/sync-wave: "2"\n'),
      'waves/c-early.yaml': cm('early', '  annotations:\n    argocd.argoproj.io/sync-wave: "-1"\n'),
      'cluster-scoped/role.yaml':
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: team-a-reader\nrules: []\n',
    }),
  );
  f = await startFerryOn(bed);
  const secrets: Array<[string, Record<string, string>]> = [
    [
      'repo',
      {
        type: 'git',
        url: bed.git.cloneUrl('repo', false),
        username: bed.git.username!,
        password: bed.git.password!,
      },
    ],
    [
      'oci',
      {
        type: 'helm',
        url: `${bed.registry.ociUrl}/charts`,
        enableOCI: 'true',
        insecure: 'true',
        username: bed.registry.username!,
        password: bed.registry.password!,
      },
    ],
  ];
  for (const [name, stringData] of secrets) {
    await f.home.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
      stringData,
    });
  }
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

function app(
  name: string,
  source: Application['spec']['source'],
  extra: Partial<Application['spec']> = {},
): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'default',
      source,
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
      ...extra,
    },
  };
}

const get = (kind: string, namespace: string, name: string, apiVersion = 'v1') =>
  f.home.get({ apiVersion, kind, namespace, name });

describe('sources', () => {
  it('deploys a chart from an OCI registry with repository credentials, resolving a range', async () => {
    await f.home.apply(
      app('oci', {
        repoURL: `${bed.registry.ociUrl}/charts`,
        chart: 'my-app',
        targetRevision: '~1.2.0',
        helm: { parameters: [{ name: 'replicaCount', value: '2' }] },
      }),
    );
    const a = await waitForApp(f.home, 'oci', syncedAndHealthy);
    expect(a.status?.sync?.revision).toBe('1.2.0');
    const d = (await get('Deployment', 'oci', 'oci-my-app', 'apps/v1')) as
      (V1Deployment & KubeObject) | undefined;
    expect(d?.spec?.replicas).toBe(2); // helm.parameters
  });

  it('builds a Kustomize overlay from Git', async () => {
    await f.home.apply(
      app('kustomized', {
        repoURL: bed.git.cloneUrl('repo', false),
        path: 'kustomized/dev',
        targetRevision: 'main',
      }),
    );
    const a = await waitForApp(f.home, 'kustomized', syncedAndHealthy);
    expect(a.status?.sourceType).toBe('Kustomize');
    const settings = await get('ConfigMap', 'kustomized', 'dev-settings');
    expect(settings?.metadata.labels).toEqual({ env: 'dev' });
  });

  it('reads plain manifests, recursing only when asked', async () => {
    const source = { repoURL: bed.git.cloneUrl('repo', false), path: 'nested', targetRevision: 'HEAD' };
    await f.home.apply(app('flat', source));
    const flat = await waitForApp(f.home, 'flat', syncedAndHealthy);
    expect(flat.status?.resources?.map((r) => r.name)).toEqual(['top']);
    await f.home.apply(app('deep', { ...source, directory: { recurse: true } }));
    const deep = await waitForApp(f.home, 'deep', syncedAndHealthy);
    expect(deep.status?.resources?.map((r) => r.name).sort()).toEqual(['deeper', 'top']);
  });
});

describe('sync waves and hooks', () => {
  it('runs the PreSync Job to completion first, then the waves in order', async () => {
    await f.home.apply(
      app('waves', { repoURL: bed.git.cloneUrl('repo', false), path: 'waves', targetRevision: 'main' }),
    );
    const a = await waitForApp(
      f.home,
      'waves',
      (x) => syncedAndHealthy(x) && x.status?.operationState?.phase === 'Succeeded',
    );
    const results = a.status?.operationState?.syncResult?.resources ?? [];
    expect(results.map((r) => `${r.syncPhase}:${r.kind}/${r.name}`)).toEqual([
      'PreSync:Job/migrate',
      'Sync:ConfigMap/early',
      'Sync:ConfigMap/late',
    ]);
    expect(results[0]).toMatchObject({ hookPhase: 'Succeeded', status: 'Synced' });
    const early = await get('ConfigMap', 'waves', 'early');
    const late = await get('ConfigMap', 'waves', 'late');
    expect(Date.parse(early!.metadata.creationTimestamp!)).toBeLessThanOrEqual(
      Date.parse(late!.metadata.creationTimestamp!),
    );
    // Hooks are not part of the app's resources.
    expect(a.status?.resources?.map((r) => r.name).sort()).toEqual(['early', 'late']);
  });
});

describe('AppProject kind limits', () => {
  it('refuses a cluster-scoped kind the project does not whitelist, and applies nothing', async () => {
    await f.home.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'team-a', namespace: 'argocd' },
      spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] },
    });
    await f.home.apply(
      app(
        'cluster-scoped',
        { repoURL: bed.git.cloneUrl('repo', false), path: 'cluster-scoped', targetRevision: 'main' },
        { project: 'team-a' },
      ),
    );
    const a = await waitForApp(
      f.home,
      'cluster-scoped',
      (x) => x.status?.conditions?.some((c) => c.type === 'SyncError') === true,
    );
    expect(a.status?.conditions?.[0]?.message).toMatch(/ClusterRole.*not permitted in project "team-a"/);
    expect(
      await f.home.get({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        name: 'team-a-reader',
      }),
    ).toBeUndefined();
  });
});

describe('cascade delete', () => {
  it('ferry app delete removes the app and its resources', async () => {
    const source = { repoURL: bed.git.cloneUrl('repo', false), path: 'nested', targetRevision: 'main' };
    await f.home.apply(app('doomed', source));
    await waitForApp(f.home, 'doomed', syncedAndHealthy);
    const { stdout } = await cli(['app', 'delete', 'doomed', '--kubeconfig', bed.clusters.dev!.kubeconfig]);
    expect(stdout).toContain('deleted (with its resources)');
    const gone = { timeoutMs: 20_000 };
    await eventually(
      () => get('ConfigMap', 'doomed', 'top'),
      (c) => c === undefined,
      gone,
    );
    await eventually(
      () => f.home.get(appRef('doomed')),
      (x) => x === undefined,
      gone,
    );
  });
});
