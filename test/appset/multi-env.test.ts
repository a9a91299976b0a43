/**
 * The seed's ApplicationSet for multiple environments, verbatim but for the repository
 * URL: three Applications on three control planes (dev, staging, prod), with Ferry
 * running against a fourth (control). dev follows main, staging and prod stay at
 * v1.2.0; elements come and go with their Applications and resources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { ApplicationSet } from '../../src/api/argo/index.js';
import { Cluster } from '../../src/kube/cluster.js';
import {
  eventsFor,
  getApp,
  seedYaml,
  startFerryOn,
  syncedAndHealthy,
  waitForApp,
  type FerryUnderTest,
} from '../support/ferry.js';
import { eventually } from '../support/kube.js';
import {
  appNames,
  appSetRef,
  condition,
  configMap,
  ensureNamespace,
  folder,
  registerCluster,
  registerRepo,
  upToDate,
  waitForAppSet,
} from './helpers.js';

const envs = ['dev', 'staging', 'prod'] as const;
let bed: Testbed;
let f: FerryUnderTest;
const clusters: Record<string, Cluster> = {};
let tagged = '';

/** The gitops repository: one folder per environment, each a ConfigMap saying which version it is. */
const gitops = (version: string): string =>
  folder(
    Object.fromEntries(
      [...envs, 'qa', 'qa2'].map((env) => [
        `apps/my-app/${env}/configmap.yaml`,
        configMap(`my-app-${env}`, { env, version }),
      ]),
    ),
  );

const configMapIn = (env: string, name: string) =>
  clusters[env]!.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'my-app', name }) as Promise<
    { data?: Record<string, string> } | undefined
  >;

function seedAppSet(patch: (s: ApplicationSet) => void = () => undefined): ApplicationSet {
  const set = seedYaml('ApplicationSet for Multiple Environments') as ApplicationSet;
  set.spec.template.spec.source!.repoURL = bed.git.cloneUrl('gitops', false);
  patch(set);
  return set;
}

const elements = (set: ApplicationSet): Array<Record<string, string>> =>
  set.spec.generators[0]!.list!.elements as Array<Record<string, string>>;

beforeAll(async () => {
  // kube-controller-manager only: its garbage collector finishes the foreground deletes of a cascade.
  bed = await startTestbed({ clusters: ['control', ...envs], nodes: false, controllers: true });
  tagged = await bed.git.pushFolder('gitops', gitops('1'), { tag: 'v1.2.0' });
  for (const env of envs) {
    clusters[env] = await Cluster.fromFile(env, bed.clusters[env]!.kubeconfig);
    await ensureNamespace(clusters[env], 'my-app');
  }
  f = await startFerryOn(bed, 'control', { resyncMs: 10_000 });
  await registerRepo(f.home, bed, 'gitops');
  for (const env of envs)
    await registerCluster(f.home, bed, env, { name: env, server: `https://${env}-cluster.example.com` });
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

describe('the seed’s ApplicationSet', () => {
  it('generates three Applications, each Synced and Healthy in its own cluster', async () => {
    await f.home.apply(seedAppSet());
    for (const env of envs) {
      const app = await waitForApp(f.home, `my-app-${env}`, syncedAndHealthy, 120_000);
      expect(app.spec.destination).toEqual({
        server: `https://${env}-cluster.example.com`,
        namespace: 'my-app',
      });
      expect(app.metadata.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'ApplicationSet', name: 'my-app', controller: true }),
      ]);
      expect(app.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
      expect((await configMapIn(env, `my-app-${env}`))?.data).toEqual({ env, version: '1' });
    }
    // Each environment's resources exist only in its own cluster.
    expect(await configMapIn('dev', 'my-app-staging')).toBeUndefined();
    const set = await waitForAppSet(
      f.home,
      'my-app',
      (s) =>
        upToDate(s) &&
        (s.status?.resources ?? []).every((r) => r.status === 'Synced' && r.health?.status === 'Healthy') &&
        s.status?.resources?.length === 3,
    );
    expect(condition(set, 'ErrorOccurred')).toMatchObject({ status: 'False' });
    expect(condition(set, 'ParametersGenerated')).toMatchObject({ status: 'True' });
    expect(set.status?.resources?.map((r) => r.name)).toEqual([
      'my-app-dev',
      'my-app-prod',
      'my-app-staging',
    ]);
    const reasons = (await eventsFor(f.home, 'argocd', 'my-app')).map((e) => `${e.reason} ${e.message}`);
    expect(reasons).toEqual(expect.arrayContaining(['Created Created Application "my-app-dev"']));
  });

  it('dev follows main while staging and prod stay at v1.2.0', async () => {
    const head = await bed.git.pushFolder('gitops', gitops('2'));
    const dev = await waitForApp(
      f.home,
      'my-app-dev',
      (a) => syncedAndHealthy(a) && a.status?.sync?.revision === head,
    );
    expect(dev.status?.sync?.revision).toBe(head);
    await eventually(
      () => configMapIn('dev', 'my-app-dev'),
      (cm) => cm?.data?.version === '2',
    );
    for (const env of ['staging', 'prod']) {
      const app = await getApp(f.home, `my-app-${env}`);
      expect(app.status?.sync?.revision).toBe(tagged);
      expect((await configMapIn(env, `my-app-${env}`))?.data?.version).toBe('1');
    }
  });
});

describe('elements come and go', () => {
  it('an added element becomes a new Application', async () => {
    await f.home.apply(
      seedAppSet((s) =>
        elements(s).push({ env: 'qa', cluster: 'https://dev-cluster.example.com', revision: 'main' }),
      ),
    );
    await waitForApp(f.home, 'my-app-qa', syncedAndHealthy);
    expect((await configMapIn('dev', 'my-app-qa'))?.data).toEqual({ env: 'qa', version: '2' });
  });

  it('a removed element deletes its Application and its resources', async () => {
    await f.home.apply(seedAppSet());
    await eventually(
      () => appNames(f.home),
      (names) => !names.includes('my-app-qa'),
    );
    await eventually(
      () => configMapIn('dev', 'my-app-qa'),
      (cm) => cm === undefined,
    );
    expect(await appNames(f.home)).toEqual(['my-app-dev', 'my-app-prod', 'my-app-staging']);
    const reasons = (await eventsFor(f.home, 'argocd', 'my-app')).map((e) => `${e.reason} ${e.message}`);
    expect(reasons).toContain('Deleted Deleted Application "my-app-qa"');
  });

  it('with preserveResourcesOnDeletion the resources stay', async () => {
    const preserving = (extra: boolean) =>
      seedAppSet((s) => {
        s.spec.syncPolicy = { preserveResourcesOnDeletion: true };
        if (extra)
          elements(s).push({ env: 'qa2', cluster: 'https://dev-cluster.example.com', revision: 'main' });
      });
    await f.home.apply(preserving(true));
    const app = await waitForApp(f.home, 'my-app-qa2', syncedAndHealthy);
    expect(app.metadata.finalizers).toBeUndefined();
    await f.home.apply(preserving(false));
    await eventually(
      () => appNames(f.home),
      (names) => !names.includes('my-app-qa2'),
    );
    await new Promise((r) => setTimeout(r, 3000));
    expect((await configMapIn('dev', 'my-app-qa2'))?.data).toEqual({ env: 'qa2', version: '2' });
  });

  it('lists its Applications in status', async () => {
    const set = await waitForAppSet(f.home, 'my-app', (s) => s.status?.resources?.length === 3);
    expect(set.status?.resourcesCount).toBe(3);
    expect(await f.home.get(appSetRef('my-app'))).toBeTruthy();
  });
});
