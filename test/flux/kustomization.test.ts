/**
 * Flux Kustomizations against the real bed (two apiservers, git server, registry, helm,
 * kustomize). The example repository examples/gitops is pushed verbatim; the seed's
 * multi-environment overlays go to dev (Ferry's own cluster), to a targetNamespace on dev
 * for staging, and to the prod cluster through `kubeConfig.secretRef`, Flux's way of
 * applying from a management cluster. Further folders of plain manifests exercise pruning,
 * substitution, bad input, dependsOn, suspend/resume and health checks.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmReleaseCrd, type HelmRelease, type Kustomization } from '../../src/api/flux/index.js';
import { installCrds } from '../../src/controllers/install.js';
import { Cluster } from '../../src/kube/cluster.js';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { projectRoot } from '../../src/util/paths.js';
import { ferry } from '../support/cli.js';
import { eventsFor, startFerryOn, type FerryUnderTest } from '../support/ferry.js';
import { eventually } from '../support/kube.js';
import {
  bedHelmRepository,
  condition,
  deployment,
  ensureNamespace,
  registrySecret,
  waitForHr,
} from './support.js';

let bed: Testbed;
let f: FerryUnderTest;
let prod: Cluster;
let kubeconfig: string;
const NS = 'flux-system';
const cli = (args: string[]) => ferry([...args, '-n', NS, '--kubeconfig', kubeconfig]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ksRef = (name: string) => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  namespace: NS,
  name,
});
const getKs = async (name: string): Promise<Kustomization> =>
  (await f.home.get(ksRef(name))) as Kustomization;
const waitKs = (name: string, done: (ks: Kustomization) => boolean, timeoutMs = 90_000) =>
  eventually(
    () => getKs(name),
    (ks) => ks !== undefined && done(ks),
    { timeoutMs, intervalMs: 300 },
  );
const readyAt = (revision: string) => (ks: Kustomization) =>
  condition(ks, 'Ready')?.status === 'True' &&
  ks.status?.lastAppliedRevision === revision &&
  ks.status.observedGeneration === ks.metadata.generation;
const failedWith = (reason: string) => (ks: Kustomization) =>
  condition(ks, 'Ready')?.status === 'False' && condition(ks, 'Ready')?.reason === reason;

const configMapIn = (cluster: Cluster, namespace: string, name: string) =>
  cluster.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });

function kustomization(name: string, spec: Partial<Kustomization['spec']>): Kustomization {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: NS },
    spec: {
      interval: '10m',
      retryInterval: '5s',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'gitops' },
      ...spec,
    },
  };
}

const cm = (name: string, data: Record<string, string>, annotations?: Record<string, string>) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${
    annotations
      ? `  annotations:\n${Object.entries(annotations)
          .map(([k, v]) => `    ${k}: "${v}"`)
          .join('\n')}\n`
      : ''
  }data:\n${Object.entries(data)
    .map(([k, v]) => `  ${k}: "${v}"`)
    .join('\n')}\n`;

/** The test folders, as the first commit has them. */
const baseFiles = (): Record<string, string> => ({
  'tests/plain/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ks-plain\n',
  'tests/plain/a.yaml': cm('a', {
    greeting: '${greeting:=hello} from ${cluster_env}',
    script: 'echo $${HOME}',
  }),
  'tests/plain/b.yaml': cm('b', { n: '1' }),
  'tests/plain/keep/keep.yaml': cm('keep', { n: '1' }, { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' }),
  'tests/noprune/c.yaml': cm('c', { n: '1' }),
  'tests/first/one.yaml': cm('one', { n: '1' }),
  'tests/second/two.yaml': cm('two', { n: '2' }),
  'tests/unhealthy/deploy.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:\n  name: stuck',
    'spec:',
    '  replicas: 1',
    '  selector:\n    matchLabels:\n      app: stuck',
    '  template:',
    '    metadata:\n      labels:\n        app: stuck',
    '    spec:',
    '      nodeSelector:\n        no-such-node: "true"',
    '      containers:\n        - name: app\n          image: nginx',
    '',
  ].join('\n'),
  'tests/overlay/web.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:\n  name: web',
    'spec:',
    '  replicas: 1',
    '  selector:\n    matchLabels:\n      app: web',
    '  template:',
    '    metadata:\n      labels:\n        app: web',
    '    spec:',
    '      containers:\n        - name: web\n          image: nginx:1.0',
    '',
  ].join('\n'),
  'tests/components/extra/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - extra.yaml\n',
  'tests/components/extra/extra.yaml': cm('extra', { n: '1' }),
  'tests/immutable/frozen.yaml': `${cm('frozen', { v: '1' })}immutable: true\n`,
});

/** Pushes examples/gitops verbatim plus `files`; returns the GitRepository revision it will have. */
async function push(files: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-ks-repo-'));
  try {
    cpSync(join(projectRoot(), 'examples', 'gitops'), dir, { recursive: true });
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return `main@sha1:${await bed.git.pushFolder('gitops', dir)}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let revision: string;

interface DeploymentSpec {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { replicas: number; template: { spec: { containers: Array<{ image: string }> } } };
}

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev', 'prod'] });
  kubeconfig = bed.clusters.dev!.kubeconfig;
  await bed.publishChart(join(projectRoot(), 'examples', 'charts', 'my-app'), { version: '1.2.0' });
  revision = await push(baseFiles());
  prod = await Cluster.fromFile('prod', bed.clusters.prod!.kubeconfig);
  // prod runs its own Flux (not in this test): it has the CRD and the namespace.
  await installCrds(prod, [helmReleaseCrd()]);
  await ensureNamespace(prod, 'my-app');
  f = await startFerryOn(bed);
  for (const ns of [NS, 'my-app', 'my-app-staging']) await ensureNamespace(f.home, ns);
  await f.home.apply(registrySecret(bed, NS));
  // The seed's OCI HelmRepository (as in its "Flux HelmRepository (OCI)" block).
  const orgCharts = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmRepository',
    metadata: { name: 'org-charts', namespace: NS },
    spec: { type: 'oci', interval: '5m', url: 'oci://ghcr.io/org/charts' },
  };
  await f.home.apply(bedHelmRepository(orgCharts, bed));
  await f.home.apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'git-creds', namespace: NS },
    stringData: { username: bed.git.username!, password: bed.git.password! },
  });
  await f.home.apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'prod-kubeconfig', namespace: NS },
    stringData: { value: readFileSync(bed.clusters.prod!.kubeconfig, 'utf8') },
  });
  await f.home.apply({
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: 'gitops', namespace: NS },
    spec: {
      url: bed.git.cloneUrl('gitops', false),
      interval: '10m',
      ref: { branch: 'main' },
      secretRef: { name: 'git-creds' },
    },
  });
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

describe('the seed multi-environment overlays', () => {
  it('reconciles dev, staging and prod with their own values, each into its cluster', async () => {
    await f.home.apply(kustomization('my-app-dev', { path: './apps/my-app/dev' }));
    await f.home.apply(
      kustomization('my-app-staging', { path: './apps/my-app/staging', targetNamespace: 'my-app-staging' }),
    );
    await f.home.apply(
      kustomization('my-app-prod', {
        path: './apps/my-app/prod',
        kubeConfig: { secretRef: { name: 'prod-kubeconfig' } },
      }),
    );
    const dev = await waitKs('my-app-dev', readyAt(revision));
    expect(condition(dev, 'Ready')?.reason).toBe('ReconciliationSucceeded');
    expect(condition(dev, 'Ready')?.message).toBe(`Applied revision: ${revision}`);
    expect(dev.status?.inventory?.entries).toEqual([
      { id: 'my-app_my-app_helm.toolkit.fluxcd.io_HelmRelease', v: 'v2' },
    ]);
    await waitKs('my-app-staging', readyAt(revision));
    await waitKs('my-app-prod', readyAt(revision));

    // dev: the HelmRelease carries dev's values and Flux's labels; Ferry installs it.
    const devHr = await waitForHr(f.home, 'my-app/my-app', (hr) => condition(hr, 'Ready')?.status === 'True');
    expect(devHr.spec.values).toMatchObject({
      replicaCount: 1,
      env: { LOG_LEVEL: 'debug' },
      image: { tag: '1.2.1' },
    });
    expect(devHr.metadata.labels).toMatchObject({
      'kustomize.toolkit.fluxcd.io/name': 'my-app-dev',
      'kustomize.toolkit.fluxcd.io/namespace': NS,
    });
    const devDeploy = (await deployment(f.home, 'my-app', 'my-app')) as unknown as DeploymentSpec;
    expect(devDeploy.spec.replicas).toBe(1);
    expect(devDeploy.spec.template.spec.containers[0]!.image).toBe('ghcr.io/org/my-app:1.2.1');
    // staging: same cluster, its own namespace (targetNamespace), its own values.
    await waitForHr(f.home, 'my-app-staging/my-app', (hr) => condition(hr, 'Ready')?.status === 'True');
    const stagingDeploy = (await deployment(f.home, 'my-app-staging', 'my-app')) as unknown as DeploymentSpec;
    expect(stagingDeploy.spec.replicas).toBe(2);
    expect(stagingDeploy.spec.template.spec.containers[0]!.image).toBe('ghcr.io/org/my-app:1.2.0');
    // prod: applied into the prod cluster through the kubeconfig Secret, prod's values.
    const prodHr = (await prod.get({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      namespace: 'my-app',
      name: 'my-app',
    })) as HelmRelease;
    expect(prodHr.spec.values).toMatchObject({
      replicaCount: 3,
      env: { LOG_LEVEL: 'warn' },
      image: { tag: '1.2.0' },
    });
    expect(prodHr.metadata.labels?.['kustomize.toolkit.fluxcd.io/name']).toBe('my-app-prod');

    const events = await eventsFor(f.home, NS, 'my-app-dev');
    expect(
      events.some(
        (e) => e.reason === 'Progressing' && e.message.includes('HelmRelease/my-app/my-app created'),
      ),
    ).toBe(true);
    const { stdout } = await cli(['flux', 'get', 'kustomizations']);
    expect(stdout).toMatch(/my-app-prod\s+main@sha1:[0-9a-f]{40}\s+False\s+True\s+Applied revision/);
  });
});

describe('plain manifests', () => {
  it('generates a kustomization, substitutes variables, applies the Namespace first', async () => {
    await f.home.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cluster-vars', namespace: NS },
      data: { greeting: 'hi', cluster_env: 'overridden' },
    });
    await f.home.apply(
      kustomization('plain', {
        path: './tests/plain',
        targetNamespace: 'ks-plain',
        postBuild: {
          substitute: { cluster_env: 'dev' },
          substituteFrom: [
            { kind: 'ConfigMap', name: 'cluster-vars' },
            { kind: 'Secret', name: 'not-there', optional: true },
          ],
        },
      }),
    );
    await f.home.apply(
      kustomization('noprune', { path: './tests/noprune', targetNamespace: 'ks-plain', prune: false }),
    );
    const ks = await waitKs('plain', readyAt(revision));
    expect(ks.status?.inventory?.entries.map((e) => e.id)).toEqual([
      '_ks-plain__Namespace',
      'ks-plain_a__ConfigMap',
      'ks-plain_b__ConfigMap',
      'ks-plain_keep__ConfigMap',
    ]);
    // The inline substitute wins over substituteFrom; $${HOME} stays ${HOME}.
    expect((await configMapIn(f.home, 'ks-plain', 'a'))?.data).toEqual({
      greeting: 'hi from dev',
      script: 'echo ${HOME}',
    });
    await waitKs('noprune', readyAt(revision));
    const { stdout } = await cli(['ks', 'get', 'plain']);
    expect(stdout).toMatch(/ConfigMap\s+ks-plain\s+keep\s+v1/);
  });

  it('bad input (invalid YAML, kustomize error, missing path) → Ready=False, an Event, nothing pruned', async () => {
    const files = baseFiles();
    delete files['tests/plain/b.yaml'];
    const broken = await push({ ...files, 'tests/plain/bad.yaml': 'kind: ConfigMap\nmetadata: [oops\n' });
    await cli(['ks', 'reconcile', 'plain', '--with-source']).catch((err: Error) => err);
    let ks = await waitKs('plain', failedWith('BuildFailed'));
    expect(ks.status?.lastAttemptedRevision).toBe(broken);
    expect(ks.status?.lastAppliedRevision).toBe(revision);
    expect(condition(ks, 'Ready')?.message).toMatch(/kustomize build failed/);
    expect(await configMapIn(f.home, 'ks-plain', 'b')).toBeDefined();
    expect(ks.status?.inventory?.entries).toHaveLength(4);

    await push({ ...files, 'tests/plain/kustomization.yaml': 'resources:\n  - a.yaml\n  - missing.yaml\n' });
    const failure = await cli(['ks', 'reconcile', 'plain', '--with-source']).then(
      () => 'succeeded',
      (err: Error) => err.message,
    );
    expect(failure).toMatch(/not ready: .*missing\.yaml/);
    ks = await waitKs(
      'plain',
      (k) => failedWith('BuildFailed')(k) && /missing\.yaml/.test(condition(k, 'Ready')!.message),
    );
    expect(await configMapIn(f.home, 'ks-plain', 'b')).toBeDefined();

    await f.home.apply(kustomization('missing', { path: './does/not/exist' }));
    const missing = await waitKs('missing', failedWith('ArtifactFailed'));
    expect(condition(missing, 'Ready')?.message).toMatch(
      /kustomization path not found: \.\/does\/not\/exist/,
    );
    const events = await eventsFor(f.home, NS, 'plain');
    expect(
      events.some(
        (e) => e.type === 'Warning' && e.reason === 'BuildFailed' && /missing\.yaml/.test(e.message),
      ),
    ).toBe(true);
    expect((await eventsFor(f.home, NS, 'missing')).some((e) => e.reason === 'ArtifactFailed')).toBe(true);
    await f.home.delete(ksRef('missing'));
  });

  it('a commit that removes manifests prunes them (prune: false and prune: disabled keep theirs)', async () => {
    const files = baseFiles();
    delete files['tests/plain/b.yaml'];
    delete files['tests/plain/keep/keep.yaml'];
    delete files['tests/noprune/c.yaml'];
    files['tests/noprune/d.yaml'] = cm('d', { n: '1' });
    const next = await push(files);
    await cli(['ks', 'reconcile', 'plain', '--with-source']);
    const ks = await waitKs('plain', readyAt(next));
    expect(ks.status?.inventory?.entries.map((e) => e.id)).toEqual([
      '_ks-plain__Namespace',
      'ks-plain_a__ConfigMap',
    ]);
    await eventually(
      () => configMapIn(f.home, 'ks-plain', 'b'),
      (b) => b === undefined || b.metadata.deletionTimestamp !== undefined,
    );
    expect(await configMapIn(f.home, 'ks-plain', 'keep')).toBeDefined();
    const events = await eventsFor(f.home, NS, 'plain');
    expect(events.some((e) => e.message.includes('ConfigMap/ks-plain/b deleted'))).toBe(true);
    expect(events.some((e) => e.message.includes('keep deleted'))).toBe(false);
    const noprune = await waitKs('noprune', readyAt(next));
    expect(noprune.status?.inventory?.entries.map((e) => e.id)).toEqual(['ks-plain_d__ConfigMap']);
    expect(await configMapIn(f.home, 'ks-plain', 'c')).toBeDefined();
    revision = next;
  });

  it('suspend ignores new commits; resume applies them (CLI)', async () => {
    await cli(['ks', 'suspend', 'plain']);
    const files = baseFiles();
    files['tests/plain/a.yaml'] = cm('a', { greeting: 'changed' });
    const next = await push(files);
    await f.home.mergePatch(
      { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: NS, name: 'gitops' },
      { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'suspended-test' } } },
    );
    await eventually(
      () => getKs('noprune'),
      (k) => k.status?.lastAppliedRevision === next,
    );
    await sleep(1000);
    expect((await configMapIn(f.home, 'ks-plain', 'a'))?.data).toMatchObject({ greeting: 'hi from dev' });
    expect((await getKs('plain')).status?.lastAppliedRevision).toBe(revision);
    const { stdout } = await cli(['ks', 'resume', 'plain']);
    expect(stdout).toContain(`Kustomization ${NS}/plain resumed at ${next}`);
    expect((await configMapIn(f.home, 'ks-plain', 'a'))?.data).toEqual({ greeting: 'changed' });
    revision = next;
  });

  it('deleting a Kustomization with prune: true deletes its objects', async () => {
    await f.home.delete(ksRef('plain'));
    await eventually(
      () => getKs('plain'),
      (k) => k === undefined,
    );
    await eventually(
      () => configMapIn(f.home, 'ks-plain', 'a'),
      (a) => a === undefined || a.metadata.deletionTimestamp !== undefined,
    );
  });
});

describe('ordering and health', () => {
  it('dependsOn: the dependent waits until its dependency is Ready', async () => {
    await f.home.apply(
      kustomization('second', {
        path: './tests/second',
        targetNamespace: NS,
        dependsOn: [{ name: 'first' }],
      }),
    );
    const waiting = await waitKs('second', failedWith('DependencyNotReady'));
    expect(condition(waiting, 'Ready')?.message).toBe(`unable to get '${NS}/first' dependency: not found`);
    expect(await configMapIn(f.home, NS, 'two')).toBeUndefined();
    await f.home.apply(kustomization('first', { path: './tests/first', targetNamespace: NS }));
    const first = await waitKs('first', readyAt(revision));
    const second = await waitKs('second', readyAt(revision));
    const one = await configMapIn(f.home, NS, 'one');
    const two = await configMapIn(f.home, NS, 'two');
    expect(Date.parse(two!.metadata.creationTimestamp!)).toBeGreaterThanOrEqual(
      Date.parse(one!.metadata.creationTimestamp!),
    );
    const readySince = (ks: Kustomization) =>
      Date.parse(ks.status!.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime);
    expect(readySince(second)).toBeGreaterThanOrEqual(readySince(first));
  });

  it('wait: true with a Deployment that never becomes ready → HealthCheckFailed after the timeout', async () => {
    await f.home.apply(
      kustomization('unhealthy', {
        path: './tests/unhealthy',
        targetNamespace: NS,
        wait: true,
        timeout: '4s',
      }),
    );
    const ks = await waitKs('unhealthy', failedWith('HealthCheckFailed'));
    expect(condition(ks, 'Ready')?.message).toMatch(
      /health check failed after \d+\.\ds: timed out waiting for Deployment\/stuck/,
    );
    expect(condition(ks, 'Healthy')).toMatchObject({ status: 'False', reason: 'HealthCheckFailed' });
    // Applied anyway: the inventory holds it, so a later removal can prune it.
    expect(ks.status?.inventory?.entries.map((e) => e.id)).toEqual([`${NS}_stuck_apps_Deployment`]);
    expect(
      (await eventsFor(f.home, NS, 'unhealthy')).some(
        (e) => e.type === 'Warning' && e.reason === 'HealthCheckFailed',
      ),
    ).toBe(true);
  });
});

describe('the Kustomization settings and force', () => {
  it('lays patches (strategic merge, JSON6902), images, namePrefix, components and commonMetadata over the build', async () => {
    await f.home.apply(
      kustomization('overlay', {
        path: './tests/overlay',
        targetNamespace: NS,
        namePrefix: 'pre-',
        patches: [
          {
            patch: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
            target: { kind: 'Deployment' },
          },
          {
            patch: '- op: add\n  path: /metadata/annotations/patched\n  value: json6902\n',
            target: { kind: 'Deployment', name: 'web' },
          },
        ],
        images: [{ name: 'nginx', newTag: '1.25' }],
        components: ['../components/extra'],
        commonMetadata: { labels: { team: 'a' }, annotations: { owner: 'x' } },
      }),
    );
    const ks = await waitKs('overlay', readyAt(revision));
    expect(ks.status?.inventory?.entries.map((e) => e.id)).toEqual([
      `${NS}_pre-extra__ConfigMap`,
      `${NS}_pre-web_apps_Deployment`,
    ]);
    const web = (await deployment(f.home, NS, 'pre-web')) as unknown as DeploymentSpec;
    expect(web.spec.replicas).toBe(2);
    expect(web.spec.template.spec.containers[0]!.image).toBe('nginx:1.25');
    expect(web.metadata.annotations).toMatchObject({ patched: 'json6902', owner: 'x' });
    expect(web.metadata.labels).toMatchObject({ team: 'a', 'kustomize.toolkit.fluxcd.io/name': 'overlay' });
  });

  it('an immutable field change fails without force and recreates the object with force: true', async () => {
    await f.home.apply(kustomization('immutable', { path: './tests/immutable', targetNamespace: NS }));
    await waitKs('immutable', readyAt(revision));
    const before = await configMapIn(f.home, NS, 'frozen');
    const files = baseFiles();
    files['tests/immutable/frozen.yaml'] = `${cm('frozen', { v: '2' })}immutable: true\n`;
    const next = await push(files);
    await cli(['ks', 'reconcile', 'immutable', '--with-source']).catch(() => undefined);
    const failed = await waitKs('immutable', failedWith('ReconciliationFailed'));
    expect(condition(failed, 'Ready')?.message).toMatch(
      /ConfigMap\/flux-system\/frozen apply failed: .*immutable/,
    );
    expect((await configMapIn(f.home, NS, 'frozen'))?.data).toEqual({ v: '1' });
    await f.home.mergePatch(ksRef('immutable'), { spec: { force: true } });
    await waitKs('immutable', readyAt(next));
    const after = await configMapIn(f.home, NS, 'frozen');
    expect(after?.data).toEqual({ v: '2' });
    expect(after?.metadata.uid).not.toBe(before?.metadata.uid);
    revision = next;
  });
});
