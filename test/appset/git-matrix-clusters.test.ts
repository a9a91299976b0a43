/**
 * The git directory generator over apps/*, a matrix of clusters × directories across two
 * control planes, and one control plane going away: its Applications report the
 * connection error while the others keep syncing, and recover on their own when it
 * comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { Application, ApplicationSet } from '../../src/api/argo/index.js';
import { Cluster } from '../../src/kube/cluster.js';
import { getApp, startFerryOn, syncedAndHealthy, waitForApp, type FerryUnderTest } from '../support/ferry.js';
import { eventually } from '../support/kube.js';
import {
  appNames,
  configMap,
  folder,
  registerCluster,
  registerRepo,
  upToDate,
  waitForAppSet,
} from './helpers.js';

let bed: Testbed;
let f: FerryUnderTest;
const clusters: Record<string, Cluster> = {};
let revision = '';

const repo = (dirs: string[], version: string): string =>
  folder({
    'README.md': '# addons\n',
    'apps/.hidden/configmap.yaml': configMap('hidden', { a: 'b' }),
    ...Object.fromEntries(
      dirs.map((d) => [`apps/${d}/configmap.yaml`, configMap(`${d}-settings`, { app: d, version })]),
    ),
  });

const syncOptions = { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] };

function addons(): ApplicationSet {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'addons', namespace: 'argocd' },
    spec: {
      generators: [
        {
          git: {
            repoURL: bed.git.cloneUrl('addons', false),
            revision: 'HEAD',
            directories: [{ path: 'apps/*' }],
            requeueAfterSeconds: 3,
          },
        },
      ],
      template: {
        metadata: { name: '{{path.basename}}' },
        spec: {
          project: 'default',
          source: { repoURL: bed.git.cloneUrl('addons', false), targetRevision: 'HEAD', path: '{{path}}' },
          destination: { server: 'https://kubernetes.default.svc', namespace: '{{path.basename}}' },
          syncPolicy: syncOptions,
        },
      },
    },
  };
}

function fleet(): ApplicationSet {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'fleet', namespace: 'argocd' },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [
        {
          matrix: {
            generators: [
              { clusters: { selector: { matchLabels: { fleet: 'true' } } } },
              {
                git: {
                  repoURL: bed.git.cloneUrl('addons', false),
                  revision: 'HEAD',
                  directories: [{ path: 'apps/*' }],
                  requeueAfterSeconds: 3,
                },
              },
            ],
          },
        },
      ],
      template: {
        metadata: { name: '{{.path.basename}}-{{.name}}', labels: { cluster: '{{.name}}' } },
        spec: {
          project: 'default',
          source: {
            repoURL: bed.git.cloneUrl('addons', false),
            targetRevision: 'HEAD',
            path: '{{.path.path}}',
          },
          destination: { server: '{{.server}}', namespace: '{{.path.basename}}' },
          syncPolicy: syncOptions,
        },
      },
    },
  };
}

const fleetApps = ['guestbook', 'podinfo', 'redis'].flatMap((d) => [`${d}-dev`, `${d}-staging`]);
const settings = (cluster: string, app: string) =>
  clusters[cluster]!.get({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    namespace: app,
    name: `${app}-settings`,
  }) as Promise<{ data?: Record<string, string> } | undefined>;

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['control', 'dev', 'staging'], nodes: false });
  revision = await bed.git.pushFolder('addons', repo(['guestbook', 'podinfo'], '1'));
  for (const c of ['control', 'dev', 'staging'])
    clusters[c] = await Cluster.fromFile(c, bed.clusters[c]!.kubeconfig);
  f = await startFerryOn(bed, 'control', { resyncMs: 5000 });
  await registerRepo(f.home, bed, 'addons');
  for (const c of ['dev', 'staging'])
    await registerCluster(f.home, bed, c, {
      name: c,
      server: `https://${c}.fleet.example.com`,
      labels: { fleet: 'true' },
    });
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

describe('git directory generator', () => {
  it('makes one Application per directory under apps/ (hidden ones left out)', async () => {
    await f.home.apply(addons());
    for (const app of ['guestbook', 'podinfo']) await waitForApp(f.home, app, syncedAndHealthy);
    expect(await appNames(f.home)).toEqual(['guestbook', 'podinfo']);
    expect((await settings('control', 'guestbook'))?.data).toEqual({ app: 'guestbook', version: '1' });
  });

  it('finds a directory added in a new commit (polling)', async () => {
    revision = await bed.git.pushFolder('addons', repo(['guestbook', 'podinfo', 'redis'], '1'));
    const redis = await waitForApp(f.home, 'redis', syncedAndHealthy);
    expect(redis.status?.sync?.revision).toBe(revision);
  });
});

describe('matrix: clusters × git directories', () => {
  it('deploys every directory to every cluster', async () => {
    await f.home.apply(fleet());
    for (const name of fleetApps) await waitForApp(f.home, name, syncedAndHealthy, 120_000);
    for (const c of ['dev', 'staging'])
      expect((await settings(c, 'podinfo'))?.data).toEqual({ app: 'podinfo', version: '1' });
    const app = await getApp(f.home, 'podinfo-staging');
    expect(app.spec.destination).toEqual({
      server: 'https://staging.fleet.example.com',
      namespace: 'podinfo',
    });
    expect(app.metadata.labels).toEqual({ cluster: 'staging' });
    await waitForAppSet(f.home, 'fleet', (s) => upToDate(s) && s.status?.resources?.length === 6);
  });
});

describe('one cluster unreachable', () => {
  const connectionError = (a: Application) => a.status?.conditions?.find((c) => c.type === 'ConnectionError');

  it('reports the connection error on that cluster’s Applications only; the others keep syncing', async () => {
    await bed.clusters.staging!.stop();
    for (const d of ['guestbook', 'podinfo', 'redis']) {
      const app = await waitForApp(f.home, `${d}-staging`, (a) => connectionError(a) !== undefined, 60_000);
      expect(app.status?.health?.status).toBe('Unknown');
      expect(connectionError(app)?.message).toMatch(/cannot reach cluster staging .*ECONNREFUSED/);
    }
    revision = await bed.git.pushFolder('addons', repo(['guestbook', 'podinfo', 'redis'], '2'));
    for (const d of ['guestbook', 'podinfo', 'redis']) {
      const dev = await waitForApp(
        f.home,
        `${d}-dev`,
        (a) => syncedAndHealthy(a) && a.status?.sync?.revision === revision,
      );
      expect(connectionError(dev)).toBeUndefined();
      expect((await settings('dev', d))?.data?.version).toBe('2');
    }
    // The ApplicationSets are not affected: generators read cluster Secrets and git only.
    await waitForAppSet(f.home, 'fleet', upToDate);
  });

  it('recovers without intervention when the cluster comes back', async () => {
    await bed.clusters.staging!.restart();
    for (const d of ['guestbook', 'podinfo', 'redis']) {
      const app = await waitForApp(
        f.home,
        `${d}-staging`,
        (a) => syncedAndHealthy(a) && a.status?.sync?.revision === revision,
        120_000,
      );
      expect(connectionError(app)).toBeUndefined();
    }
    await eventually(
      () => settings('staging', 'redis'),
      (cm) => cm?.data?.version === '2',
    );
  });
});
