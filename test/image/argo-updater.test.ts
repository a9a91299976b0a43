/**
 * Argo CD Image Updater's annotations against the real test bed: tags pushed to the bed's
 * registry (htpasswd), write-back to the bed's git server, the Application then synced by
 * Ferry's own controller. The seed's annotations are used verbatim, with only the image
 * name pointing at the bed's registry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parse, stringify } from 'yaml';
import type { V1Deployment } from '@kubernetes/client-node';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { Application } from '../../src/api/argo/index.js';
import type { KubeObject } from '../../src/kube/object.js';
import { projectRoot } from '../../src/util/paths.js';
import { run, type CommandError } from '../../src/util/exec.js';
import { ferry as cli } from '../support/cli.js';
import { imageName, pushImage } from '../support/registry.js';
import {
  eventsFor,
  getApp,
  gitRepoSecret,
  seedYaml,
  startFerryOn,
  waitForApp,
  type FerryUnderTest,
} from '../support/ferry.js';
import { eventually } from '../support/kube.js';

const REPO = 'image-gitops';
const PREFIX = 'argocd-image-updater.argoproj.io';
let bed: Testbed;
let f: FerryUnderTest;
let image: string;

/** The example chart at apps/<dir>, running `image` at tag 1.0.0; values.yaml with comments. */
function chartFolder(root: string, dir: string): void {
  const chart = join(root, 'apps', dir);
  mkdirSync(join(root, 'apps'), { recursive: true });
  cpSync(join(projectRoot(), 'examples', 'charts', 'my-app'), chart, { recursive: true });
  const values = readFileSync(join(chart, 'values.yaml'), 'utf8')
    .replace('repository: ghcr.io/org/my-app', `repository: ${image} # the bed's registry`)
    .replace("tag: '1.2.0'", "tag: '1.0.0' # bumped by the image updater");
  writeFileSync(join(chart, 'values.yaml'), values);
}

function application(name: string, dir: string, annotations: Record<string, string>): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', annotations },
    spec: {
      project: 'default',
      source: { repoURL: bed.git.cloneUrl(REPO, false), path: `apps/${dir}`, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };
}

/** The seed's annotations, with the image pointing at the bed's registry. */
function seedAnnotations(): Record<string, string> {
  const seed = seedYaml('ArgoCD Image Updater');
  const annotations = { ...(seed.metadata.annotations ?? {}) };
  annotations[`${PREFIX}/image-list`] = annotations[`${PREFIX}/image-list`]!.replace(
    'ghcr.io/org/my-app',
    image,
  );
  return annotations;
}

async function clone(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-img-clone-'));
  await run('git', ['clone', '-q', '--branch', 'main', bed.git.cloneUrl(REPO), dir]);
  return dir;
}

async function commitCount(): Promise<number> {
  const { stdout } = await run('git', ['rev-list', '--count', 'HEAD'], { cwd: await clone() });
  return Number(stdout.trim());
}

const deploymentImage = async (ns: string): Promise<string | undefined> => {
  const name = `${ns}-my-app`; // the example chart's fullname
  const d = (await f.home.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name })) as
    V1Deployment | undefined;
  return d?.spec?.template.spec?.containers[0]?.image;
};

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'] });
  image = imageName(bed, 'org/my-app');
  await pushImage(bed, 'org/my-app', '1.0.0');
  const root = mkdtempSync(join(tmpdir(), 'ferry-img-repo-'));
  for (const dir of ['seed', 'values']) chartFolder(root, dir);
  await bed.git.pushFolder(REPO, root);
  f = await startFerryOn(bed, 'dev', { imageUpdater: { intervalMs: 2_000 } });
  const registryAuth = Buffer.from(`${bed.registry.username}:${bed.registry.password}`).toString('base64');
  for (const obj of [
    gitRepoSecret(bed, REPO),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/dockerconfigjson',
      metadata: { name: 'registry-creds', namespace: 'argocd' },
      stringData: {
        '.dockerconfigjson': JSON.stringify({ auths: { [bed.registry.host]: { auth: registryAuth } } }),
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'wrong-registry-creds', namespace: 'argocd' },
      stringData: { creds: `${bed.registry.username}:Wr0ngPassw0rd` },
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
  ] as KubeObject[])
    await f.home.apply(obj);
}, 240_000);

afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

describe('Argo CD Image Updater annotations', () => {
  it('commits the highest plain semver tag to the override file; the Application then runs it', async () => {
    await f.home.apply(application('img-seed', 'seed', seedAnnotations()));
    await f.home.apply(
      application('img-argocd', 'seed', {
        ...seedAnnotations(),
        [`${PREFIX}/write-back-method`]: 'argocd',
        [`${PREFIX}/app.helm.image-name`]: 'image.repository',
      }),
    );
    await f.home.apply(
      application('img-values', 'values', {
        ...seedAnnotations(),
        [`${PREFIX}/write-back-target`]: 'helmvalues:values.yaml',
        [`${PREFIX}/app.helm.image-name`]: 'image.repository',
      }),
    );
    await f.home.apply(
      application('img-badcreds', 'seed', {
        ...seedAnnotations(),
        [`${PREFIX}/app.pull-secret`]: 'secret:argocd/wrong-registry-creds#creds',
      }),
    );
    await f.home.apply(
      application('img-branch', 'seed', {
        ...seedAnnotations(),
        [`${PREFIX}/write-back-method`]: 'git:secret:argocd/git-writer',
        [`${PREFIX}/git-branch`]: 'main:image-updater{{range .Images}}-{{.Alias}}-{{.NewTag}}{{end}}',
      }),
    );
    for (const name of ['img-seed', 'img-argocd', 'img-values', 'img-badcreds', 'img-branch'])
      await waitForApp(f.home, name, (a) => a.status?.summary?.images?.includes(`${image}:1.0.0`) ?? false);
    const commitsBefore = await commitCount();

    for (const tag of ['1.1.0', '1.2.0-rc.1', '2.0.0-bad', 'v2.0.0', 'v2'])
      await pushImage(bed, 'org/my-app', tag);

    // git write-back: Argo's override file, message and author.
    const checkout = await eventually(
      () => clone(),
      (dir) => {
        try {
          return readFileSync(join(dir, 'apps/seed/.argocd-source-img-seed.yaml'), 'utf8').includes('1.1.0');
        } catch {
          return false;
        }
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    const override = parse(
      readFileSync(join(checkout, 'apps/seed/.argocd-source-img-seed.yaml'), 'utf8'),
    ) as {
      helm: { parameters: Array<{ name: string; value: string; forcestring: boolean }> };
    };
    expect(override.helm.parameters).toEqual([
      { name: 'image.name', value: image, forcestring: true },
      { name: 'image.tag', value: '1.1.0', forcestring: true },
    ]);
    const { stdout: log } = await run(
      'git',
      ['log', '--format=%an <%ae>%n%B%n--end--', '--', 'apps/seed/.argocd-source-img-seed.yaml'],
      { cwd: checkout },
    );
    expect(log).toBe(
      `argocd-image-updater <noreply@argoproj.io>\nbuild: automatic update of img-seed\n\nupdates image ${image} tag '1.0.0' to '1.1.0'\n\n--end--\n`,
    );

    // Ferry renders the override file: the Deployment runs the new tag.
    f.ferry.applications.refresh('img-seed');
    await eventually(
      () => deploymentImage('img-seed'),
      (i) => i === `${image}:1.1.0`,
      { timeoutMs: 90_000 },
    );
    const events = await eventsFor(f.home, 'argocd', 'img-seed');
    expect(events.find((e) => e.reason === 'ImagesUpdated')?.message).toContain(`${image} 1.0.0 → 1.1.0`);
    expect(f.ferry.metrics.imageUpdates.get({ name: 'img-seed' })).toBe(1);

    // write-back-method argocd: the Application's parameters.
    const patched = await waitForApp(
      f.home,
      'img-argocd',
      (a) => (a.spec.source?.helm?.parameters?.length ?? 0) > 0,
    );
    expect(patched.spec.source?.helm?.parameters).toEqual([
      { name: 'image.repository', value: image, forceString: true },
      { name: 'image.tag', value: '1.1.0', forceString: true },
    ]);
    await eventually(
      () => deploymentImage('img-argocd'),
      (i) => i === `${image}:1.1.0`,
      { timeoutMs: 90_000 },
    );

    // helmvalues target: only the tag's value changed, comments and quotes kept.
    const valuesDir = await eventually(
      () => clone(),
      (dir) => readFileSync(join(dir, 'apps/values/values.yaml'), 'utf8').includes('1.1.0'),
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    const before = readFileSync(join(checkout, 'apps/seed/values.yaml'), 'utf8');
    expect(readFileSync(join(valuesDir, 'apps/values/values.yaml'), 'utf8')).toBe(
      before.replace("tag: '1.0.0' # bumped", "tag: '1.1.0' # bumped"),
    );

    // Wrong registry credentials: a clear Warning, nothing committed for that app.
    const failures = await eventually(
      () => eventsFor(f.home, 'argocd', 'img-badcreds'),
      (es) => es.some((e) => e.reason === 'ImageUpdateFailed'),
      { timeoutMs: 30_000 },
    );
    const failure = failures.find((e) => e.reason === 'ImageUpdateFailed')!;
    expect(failure.type).toBe('Warning');
    expect(failure.message).toMatch(/org\/my-app/);
    expect(failure.message).toMatch(/unauthori[sz]ed|401|credentials/i);
    expect(failure.message).not.toContain('Wr0ngPassw0rd');
    const latest = await clone();
    expect(() => readFileSync(join(latest, 'apps/seed/.argocd-source-img-badcreds.yaml'))).toThrow();
    expect(await deploymentImage('img-badcreds')).toBe(`${image}:1.0.0`);

    // git-branch base:target with git:secret: credentials: a new branch from main, main untouched.
    const branchFile = await eventually(
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'ferry-img-branch-'));
        const ok = await run('git', [
          'clone',
          '-q',
          '--branch',
          'image-updater-app-1.1.0',
          bed.git.cloneUrl(REPO),
          dir,
        ])
          .then(() => true)
          .catch(() => false);
        return ok ? readFileSync(join(dir, 'apps/seed/.argocd-source-img-branch.yaml'), 'utf8') : '';
      },
      (text) => text.includes('1.1.0'),
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    expect(branchFile).toContain(`value: ${image}`);
    expect(() => readFileSync(join(latest, 'apps/seed/.argocd-source-img-branch.yaml'))).toThrow();

    // Steady state: later runs find nothing new and commit nothing more (seed + values: two commits).
    const runs = f.ferry.imageUpdater!.runs;
    await eventually(
      () => Promise.resolve(f.ferry.imageUpdater!.runs),
      (n) => n >= runs + 2,
      { timeoutMs: 30_000 },
    );
    expect(await commitCount()).toBe(commitsBefore + 2);
  }, 300_000);

  it('ferry image updater --dry-run shows what would change without changing it', async () => {
    await f.ferry.imageUpdater!.stop(); // the controller would take the new tag first
    await waitForApp(
      f.home,
      'img-argocd',
      (a) => a.status?.summary?.images?.includes(`${image}:1.1.0`) ?? false,
    );
    await pushImage(bed, 'org/my-app', '1.1.1');
    const kubeconfig = bed.clusters.dev!.kubeconfig;
    // A failing image: the table says why, and the exit code is 1.
    const failed = (await cli([
      'image',
      'updater',
      'img-badcreds',
      '--dry-run',
      '--kubeconfig',
      kubeconfig,
    ]).then(
      () => undefined,
      (err: unknown) => err,
    )) as CommandError | undefined;
    expect(failed?.exitCode).toBe(1);
    expect(failed?.stdout).toMatch(/app\s+\S*org\/my-app\s+error: /);
    expect(failed?.stdout).not.toContain('Wr0ngPassw0rd');
    const seed = await cli(['image', 'updater', 'img-argocd', '--dry-run', '--kubeconfig', kubeconfig]);
    expect(seed.stdout).toMatch(/app\s+\S*org\/my-app\s+1\.1\.0 → 1\.1\.1/);
    expect((await getApp(f.home, 'img-argocd')).spec.source?.helm?.parameters?.[1]?.value).toBe('1.1.0');
  }, 120_000);
});
