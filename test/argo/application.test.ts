/**
 * The Argo CD Application against the real test bed: the seed's Basic Application
 * verbatim (repoURL pointing at the bed's chart repository), upgrades, prune,
 * self-heal, history and rollback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { V1ConfigMap, V1Deployment } from '@kubernetes/client-node';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { Application } from '../../src/api/argo/index.js';
import type { KubeObject } from '../../src/kube/object.js';
import { projectRoot } from '../../src/util/paths.js';
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ferry as cli } from '../support/cli.js';
import {
  chartVariant,
  eventsFor,
  getApp,
  seedYaml,
  startFerryOn,
  syncedAndHealthy,
  waitForApp,
  appRef,
  type FerryUnderTest,
  gitRepoSecret,
} from '../support/ferry.js';
import { eventually } from '../support/kube.js';

let bed: Testbed;
let f: FerryUnderTest;

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'] });
  await bed.publishChart(join(projectRoot(), 'examples', 'charts', 'my-app'), {
    version: '1.2.0',
    oci: false,
  });
  await bed.publishChart(
    chartVariant({ version: '1.3.0', values: { env: { LOG_LEVEL: 'info', FEATURE_X: 'enabled' } } }),
    { oci: false },
  );
  await bed.publishChart(chartVariant({ version: '1.4.0', removeTemplates: ['service.yaml'] }), {
    oci: false,
  });
  f = await startFerryOn(bed);
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

/** The seed's Basic Application with only the repository URL (and, for copies, the name) changed. */
function basicApplication(name = 'my-app', patch: (app: Application) => void = () => undefined): Application {
  const app = seedYaml('Basic Application') as Application;
  app.spec.source!.repoURL = bed.chartRepo.url;
  app.metadata.name = name;
  if (name !== 'my-app') app.spec.destination.namespace = name;
  patch(app);
  return app;
}

const live = <T extends KubeObject>(apiVersion: string, kind: string, namespace: string, name: string) =>
  f.home.get({ apiVersion, kind, namespace, name }) as Promise<T | undefined>;

/** What the first, automated deployment of the seed's app records in its status. */
function expectFirstDeployment(app: Application) {
  expect(app.status?.sync?.revision).toBe('1.2.0');
  expect(app.status?.sourceType).toBe('Helm');
  expect(app.status?.resources?.map((r) => r.kind).sort()).toEqual([
    'ConfigMap',
    'Deployment',
    'Service',
    'ServiceAccount',
  ]);
  expect(app.status?.history).toHaveLength(1);
  expect(app.status?.history?.[0]).toMatchObject({
    id: 0,
    revision: '1.2.0',
    initiatedBy: { automated: true },
  });
}

describe('the seed’s Basic Application', () => {
  it('deploys chart 1.2.0 with values-prod.yaml into a new namespace, Synced and Healthy', async () => {
    await f.home.apply(basicApplication());
    expectFirstDeployment(await waitForApp(f.home, 'my-app', syncedAndHealthy));
    expect(await f.home.get({ apiVersion: 'v1', kind: 'Namespace', name: 'my-app' })).toBeTruthy();
    const deployment = await live<V1Deployment & KubeObject>('apps/v1', 'Deployment', 'my-app', 'my-app');
    expect(deployment?.spec?.replicas).toBe(3); // values-prod.yaml
    expect(deployment?.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe(
      'my-app:apps/Deployment:my-app/my-app',
    );
    const reasons = (await eventsFor(f.home, 'argocd', 'my-app')).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['OperationStarted', 'OperationCompleted']));
  });

  it('upgrades to a new chart version with a new history entry', async () => {
    await f.home.mergePatch(appRef('my-app'), { spec: { source: { targetRevision: '1.3.0' } } });
    const app = await waitForApp(
      f.home,
      'my-app',
      (a) => syncedAndHealthy(a) && a.status?.sync?.revision === '1.3.0',
    );
    expect(app.status?.history?.map((h) => h.revision)).toEqual(['1.2.0', '1.3.0']);
    const cm = await live<V1ConfigMap & KubeObject>('v1', 'ConfigMap', 'my-app', 'my-app-env');
    // values-prod.yaml still wins over the chart's new defaults for LOG_LEVEL.
    expect(cm?.data).toEqual({ LOG_LEVEL: 'warn', FEATURE_X: 'enabled' });
  });

  it('applies changed values (helm.valuesObject over the value files)', async () => {
    await f.home.mergePatch(appRef('my-app'), {
      spec: { source: { helm: { valuesObject: { replicaCount: 2 } } } },
    });
    await eventually(
      () => live<V1Deployment & KubeObject>('apps/v1', 'Deployment', 'my-app', 'my-app'),
      (d) => d?.spec?.replicas === 2,
    );
    await waitForApp(f.home, 'my-app', syncedAndHealthy);
  });

  it('prunes a resource the chart no longer renders', async () => {
    await f.home.mergePatch(appRef('my-app'), { spec: { source: { targetRevision: '1.4.0' } } });
    await eventually(
      () => live('v1', 'Service', 'my-app', 'my-app'),
      (s) => s === undefined,
    );
    const app = await waitForApp(
      f.home,
      'my-app',
      (a) => syncedAndHealthy(a) && a.status?.sync?.revision === '1.4.0',
    );
    expect(app.status?.resources?.map((r) => r.kind)).not.toContain('Service');
    const reasons = (await eventsFor(f.home, 'argocd', 'my-app')).map((e) => e.reason);
    expect(reasons).toContain('ResourcePruned');
  });

  it('reverts a manual change within seconds (selfHeal)', async () => {
    await f.home.mergePatch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'my-app', name: 'my-app' },
      { spec: { replicas: 7 } },
    );
    const started = Date.now();
    await eventually(
      () => live<V1Deployment & KubeObject>('apps/v1', 'Deployment', 'my-app', 'my-app'),
      (d) => d?.spec?.replicas === 2,
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    const reasons = (await eventsFor(f.home, 'argocd', 'my-app')).map((e) => e.reason);
    expect(reasons).toContain('SelfHealing');
  });
});

describe('without prune and selfHeal', () => {
  it('leaves a removed resource in place and reports it OutOfSync, requiring pruning', async () => {
    await f.home.apply(
      basicApplication('no-prune', (a) => (a.spec.syncPolicy!.automated = { prune: false, selfHeal: false })),
    );
    await waitForApp(f.home, 'no-prune', syncedAndHealthy);
    await f.home.mergePatch(appRef('no-prune'), { spec: { source: { targetRevision: '1.4.0' } } });
    const app = await waitForApp(
      f.home,
      'no-prune',
      (a) => a.status?.sync?.revision === '1.4.0' && a.status.sync.status === 'OutOfSync' && !a.operation,
    );
    expect(app.status?.resources?.find((r) => r.kind === 'Service')).toMatchObject({
      status: 'OutOfSync',
      requiresPruning: true,
    });
    expect(await live('v1', 'Service', 'no-prune', 'no-prune-my-app')).toBeTruthy();
  });

  it('reports a manual change as OutOfSync and does not revert it', async () => {
    await f.home.mergePatch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'no-prune', name: 'no-prune-my-app' },
      { spec: { replicas: 5 } },
    );
    const app = await waitForApp(
      f.home,
      'no-prune',
      (a) => a.status?.resources?.find((r) => r.kind === 'Deployment')?.status === 'OutOfSync',
    );
    expect(app.status?.sync?.status).toBe('OutOfSync');
    await new Promise((r) => setTimeout(r, 3000));
    expect(
      (await live<V1Deployment & KubeObject>('apps/v1', 'Deployment', 'no-prune', 'no-prune-my-app'))?.spec
        ?.replicas,
    ).toBe(5);
  });
});

describe('manual sync, history and rollback (CLI)', () => {
  const kube = () => ['--kubeconfig', bed.clusters.dev!.kubeconfig];

  it('syncs on request, and rolls back to an earlier history entry', async () => {
    await f.home.apply(basicApplication('manual', (a) => delete a.spec.syncPolicy!.automated));
    await waitForApp(f.home, 'manual', (a) => a.status?.sync?.status === 'OutOfSync');
    const { stdout } = await cli(['app', 'sync', 'manual', ...kube()]);
    expect(stdout).toContain('Phase:              Succeeded');
    await f.home.mergePatch(appRef('manual'), { spec: { source: { targetRevision: '1.3.0' } } });
    await cli(['app', 'sync', 'manual', ...kube()]);
    const cm = () => live<V1ConfigMap & KubeObject>('v1', 'ConfigMap', 'manual', 'manual-my-app-env');
    expect((await cm())?.data?.FEATURE_X).toBe('enabled');
    const { stdout: history } = await cli(['app', 'history', 'manual', ...kube()]);
    expect(history).toMatch(/0\s+\S+\s+1\.2\.0/);
    expect(history).toMatch(/1\s+\S+\s+1\.3\.0/);

    await cli(['app', 'rollback', 'manual', '0', ...kube()]);
    expect((await cm())?.data).toEqual({ LOG_LEVEL: 'warn' });
    const app = await getApp(f.home, 'manual');
    expect(app.status?.history?.map((h) => h.revision)).toEqual(['1.2.0', '1.3.0', '1.2.0']);
    // The spec still says 1.3.0, so the app is OutOfSync after a rollback, as in Argo CD.
    await waitForApp(
      f.home,
      'manual',
      (a) => a.status?.sync?.status === 'OutOfSync' && a.status.sync.revision === '1.3.0',
    );
  });

  it('refuses a rollback while automated sync is on, saying why', async () => {
    await expect(cli(['app', 'rollback', 'my-app', '0', ...kube()])).rejects.toThrow(/auto-sync is enabled/);
  });

  it('lists apps and shows a diff with the cluster', async () => {
    const { stdout } = await cli(['app', 'list', ...kube()]);
    expect(stdout).toMatch(
      /my-app\s+https:\/\/kubernetes\.default\.svc\s+my-app\s+default\s+Synced\s+Healthy\s+Auto-Prune/,
    );
    const diff = cli(['app', 'diff', 'no-prune', ...kube()]);
    await expect(diff).rejects.toMatchObject({ exitCode: 1 });
    const text = await diff.catch((e: { stdout: string }) => e.stdout);
    expect(text).toContain('replicas: 5');
    expect(text).toContain('will be pruned');
  });
});

describe('multiple sources', () => {
  it('renders a chart from the chart repository with a values file from Git ($ref)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-values-'));
    mkdirSync(join(dir, 'envs'));
    writeFileSync(join(dir, 'envs', 'eu.yaml'), 'replicaCount: 4\nenv:\n  REGION: eu\n');
    await bed.git.pushFolder('values', dir);
    await f.home.apply(gitRepoSecret(bed, 'values', 'values-repo'));
    const app = basicApplication('multi', (a) => {
      a.spec.sources = [
        { ...a.spec.source!, helm: { valueFiles: ['values-prod.yaml', '$values/envs/eu.yaml'] } },
        { repoURL: bed.git.cloneUrl('values', false), targetRevision: 'main', ref: 'values' },
      ];
      delete a.spec.source;
    });
    await f.home.apply(app);
    const synced = await waitForApp(f.home, 'multi', syncedAndHealthy);
    expect(synced.status?.sync?.revisions?.[0]).toBe('1.2.0');
    const cm = await live<V1ConfigMap & KubeObject>('v1', 'ConfigMap', 'multi', 'multi-my-app-env');
    expect(cm?.data).toEqual({ LOG_LEVEL: 'warn', REGION: 'eu' });
    const d = await live<V1Deployment & KubeObject>('apps/v1', 'Deployment', 'multi', 'multi-my-app');
    expect(d?.spec?.replicas).toBe(4);
  });
});
