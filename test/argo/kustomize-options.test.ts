/**
 * Argo CD's `spec.source.kustomize` options and the `kustomize` part of
 * `.argocd-source-<app>.yaml` against the real bed: a small Kustomize app in the bed's
 * git server, rendered by the real `kustomize build`, deployed by a real Ferry; then
 * Argo CD Image Updater's write-back (both methods) to a Kustomize app, with a tag pushed
 * to the bed's registry, until the new image runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import type { V1Deployment } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { Application } from '../../src/api/argo/index.js';
import type { KubeObject } from '../../src/kube/object.js';
import {
  appRef,
  getApp,
  gitRepoSecret,
  startFerryOn,
  syncedAndHealthy,
  waitForApp,
  type FerryUnderTest,
} from '../support/ferry.js';
import { eventually } from '../support/kube.js';
import { imageName, pushImage } from '../support/registry.js';

let bed: Testbed;
let f: FerryUnderTest;
let image: string;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.25.0
`;

/** `app/`: nginx for the options; `web/`: the bed registry's image for the Image Updater. */
const appFiles = (): Record<string, string> => ({
  'app/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - settings.yaml\n',
  'app/deployment.yaml': deployment,
  'app/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n',
  'web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'web/deployment.yaml': deployment.replace('nginx:1.25.0', `${image}:1.0.0`),
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-ks-src-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'] });
  image = imageName(bed, 'org/web');
  await pushImage(bed, 'org/web', '1.0.0');
  await bed.git.pushFolder('ksapp', folder(appFiles()));
  f = await startFerryOn(bed, 'dev', { imageUpdater: { intervalMs: 2_000 } });
  await f.home.apply(gitRepoSecret(bed, 'ksapp'));
  for (const obj of registryAccess()) await f.home.apply(obj);
  // The namespace `spec.source.kustomize.namespace` moves the objects to (not the destination's).
  await f.home.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web-team' } });
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

/** The bed's registry and git credentials for the Image Updater. */
function registryAccess(): KubeObject[] {
  const auth = Buffer.from(`${bed.registry.username}:${bed.registry.password}`).toString('base64');
  return [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/dockerconfigjson',
      metadata: { name: 'registry-creds', namespace: 'argocd' },
      stringData: { '.dockerconfigjson': JSON.stringify({ auths: { [bed.registry.host]: { auth } } }) },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'git-writer', namespace: 'argocd' },
      stringData: { username: bed.git.username!, password: bed.git.password! },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-image-updater-config', namespace: 'argocd' },
      data: {
        'registries.conf': stringify({
          registries: [
            {
              name: 'test bed',
              prefix: bed.registry.host,
              api_url: `http://${bed.registry.host}`,
              credentials: 'pullsecret:argocd/registry-creds',
            },
          ],
        }),
      },
    },
  ];
}

const NAME = 'ks-opts';

function application(
  kustomize: NonNullable<Application['spec']['source']>['kustomize'],
  { name = NAME, path = 'app', annotations = {} } = {},
): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', annotations },
    spec: {
      project: 'default',
      source: { repoURL: bed.git.cloneUrl('ksapp', false), path, targetRevision: 'main', kustomize },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };
}

const liveDeployment = () =>
  f.home.get({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'web-team',
    name: 'blue-web',
  }) as Promise<(V1Deployment & KubeObject) | undefined>;
const imageOf = (d: (V1Deployment & KubeObject) | undefined): string | undefined =>
  d?.spec?.template.spec?.containers[0]?.image;

describe('spec.source.kustomize', () => {
  it('deploys with namePrefix, images, commonLabels and namespace written into the kustomization', async () => {
    await f.home.apply(
      application({
        namePrefix: 'blue-',
        images: ['nginx=nginx:1.27.1'],
        commonLabels: { team: 'blue' },
        namespace: 'web-team',
      }),
    );
    const app = await waitForApp(f.home, NAME, syncedAndHealthy);
    expect(app.status?.sourceType).toBe('Kustomize');
    const d = await liveDeployment();
    expect(imageOf(d)).toBe('nginx:1.27.1');
    expect(d?.metadata.labels).toMatchObject({ app: 'web', team: 'blue' });
    expect(d?.spec?.template.metadata?.labels).toMatchObject({ app: 'web', team: 'blue' });
    expect(d?.spec?.selector.matchLabels).toEqual({ app: 'web', team: 'blue' });
    const settings = await f.home.get({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'web-team',
      name: 'blue-settings',
    });
    expect(settings?.metadata.labels?.team).toBe('blue');
    // Nothing unprefixed, nothing in the destination namespace.
    expect(
      await f.home.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: NAME, name: 'web' }),
    ).toBeUndefined();
    expect(app.status?.resources?.map((r) => `${r.kind}/${r.namespace}/${r.name}`).sort()).toEqual([
      'ConfigMap/web-team/blue-settings',
      'Deployment/web-team/blue-web',
    ]);
  });

  it('re-syncs to the new image when `images` changes (name:tag form)', async () => {
    await f.home.mergePatch(appRef(NAME), { spec: { source: { kustomize: { images: ['nginx:1.27.2'] } } } });
    await eventually(liveDeployment, (d) => imageOf(d) === 'nginx:1.27.2');
    await waitForApp(f.home, NAME, syncedAndHealthy);
  });

  it('reports an image it cannot read on the Application and keeps what is deployed', async () => {
    await f.home.mergePatch(appRef(NAME), { spec: { source: { kustomize: { images: ['nginx'] } } } });
    const app = await waitForApp(f.home, NAME, (a) =>
      (a.status?.conditions ?? []).some(
        (c) => c.type === 'ComparisonError' && c.message.includes('kustomize image "nginx"'),
      ),
    );
    expect(app.status?.conditions?.find((c) => c.type === 'ComparisonError')?.message).toMatch(
      /use one of name:tag/,
    );
    expect(imageOf(await liveDeployment())).toBe('nginx:1.27.2');
    await f.home.mergePatch(appRef(NAME), { spec: { source: { kustomize: { images: ['nginx:1.27.2'] } } } });
    await waitForApp(f.home, NAME, (a) => syncedAndHealthy(a) && !a.status?.conditions?.length);
  });
});

describe('.argocd-source-<app>.yaml', () => {
  it("applies the file's kustomize images over the spec's (Image Updater's git write-back)", async () => {
    await bed.git.pushFolder(
      'ksapp',
      folder({
        ...appFiles(),
        [`app/.argocd-source-${NAME}.yaml`]: 'kustomize:\n  images:\n  - nginx=nginx:1.27.3\n',
      }),
    );
    await f.home.mergePatch(appRef(NAME), {
      metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } },
    });
    await eventually(liveDeployment, (d) => imageOf(d) === 'nginx:1.27.3');
    const app = await waitForApp(f.home, NAME, syncedAndHealthy);
    // The other options of the spec still apply: same prefix, labels and namespace.
    expect((await liveDeployment())?.metadata.labels?.team).toBe('blue');
    expect((await getApp(f.home, NAME)).spec.source?.kustomize?.images).toEqual(['nginx:1.27.2']);
    expect(app.status?.sync?.revision).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('Argo CD Image Updater on a Kustomize app', () => {
  const PREFIX = 'argocd-image-updater.argoproj.io';
  const webImage = async (ns: string): Promise<string | undefined> =>
    imageOf(
      (await f.home.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'web' })) as
        (V1Deployment & KubeObject) | undefined,
    );

  it('runs the new tag with write-back-method argocd (spec.source.kustomize.images) and git (override file)', async () => {
    const annotations = {
      [`${PREFIX}/image-list`]: `web=${image}`,
      [`${PREFIX}/web.update-strategy`]: 'semver',
    };
    await f.home.apply(application(undefined, { name: 'img-argocd', path: 'web', annotations }));
    await f.home.apply(
      application(undefined, {
        name: 'img-git',
        path: 'web',
        annotations: { ...annotations, [`${PREFIX}/write-back-method`]: 'git:secret:argocd/git-writer' },
      }),
    );
    for (const name of ['img-argocd', 'img-git'])
      await waitForApp(f.home, name, (a) => a.status?.summary?.images?.includes(`${image}:1.0.0`) ?? false);

    await pushImage(bed, 'org/web', '1.1.0');
    await eventually(
      () => webImage('img-argocd'),
      (i) => i === `${image}:1.1.0`,
      { timeoutMs: 90_000 },
    );
    expect((await getApp(f.home, 'img-argocd')).spec.source?.kustomize?.images).toEqual([
      `${image}=${image}:1.1.0`,
    ]);
    await eventually(
      () => webImage('img-git'),
      (i) => i === `${image}:1.1.0`,
      { timeoutMs: 90_000 },
    );
    expect((await getApp(f.home, 'img-git')).spec.source?.kustomize).toBeUndefined(); // the file did it
    for (const name of ['img-argocd', 'img-git']) await waitForApp(f.home, name, syncedAndHealthy);
  });
});
