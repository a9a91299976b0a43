/**
 * Flux ImageUpdateAutomation against the real test bed: tags pushed to the bed's registry,
 * Ferry's ImageRepository/ImagePolicy controllers choosing the latest, and the automation
 * committing to the bed's git server over HTTP with basic auth. The seed's ImagePolicy and
 * ImageUpdateAutomation are applied verbatim (into flux-system, as the seed's markers say).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseAllDocuments } from 'yaml';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { Cluster } from '../../src/kube/cluster.js';
import type { KubeObject } from '../../src/kube/object.js';
import { ensureNamespace, installCrds } from '../../src/controllers/install.js';
import { ImageController } from '../../src/controllers/image/index.js';
import { FluxController } from '../../src/controllers/flux/index.js';
import type { ImagePolicy, ImageUpdateAutomation } from '../../src/api/image/index.js';
import { updateWithSetters, type SetterChange } from '../../src/image/setters/index.js';
import { writeBack } from '../../src/image/writeback/index.js';
import { createLogger, silentLogger } from '../../src/util/log.js';
import { run } from '../../src/util/exec.js';
import { projectRoot } from '../../src/util/paths.js';
import { ferry as cli } from '../support/cli.js';
import { eventsFor } from '../support/ferry.js';
import { eventually } from '../support/kube.js';
import { imageName, pushImage } from '../support/registry.js';

const REPO = 'flux-image-gitops';
const NS = 'flux-system';
let bed: Testbed;
let home: Cluster;
let images: ImageController;
/** What the controller reported for the push counter (`ferry_image_automation_pushes_total`). */
const pushes: string[] = [];
let flux: FluxController;
let image: string;
let chartValues = '';

/** The values file with the seed's marker, comments and odd spacing that must survive. */
const helmRelease = (img: string): string => `# my-app, kept current by image automation
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: my-app
  namespace: my-app
spec:
  interval: 5m
  values:
    replicaCount: 3   # three replicas
    image:
      repository: ${img}
      tag: "1.0.0"  # {"$imagepolicy": "flux-system:my-app:tag"}
    # a trailing comment
`;
let original = '';

/** Every document of the seed's "Flux Image Automation" block. */
function seedDocs(): KubeObject[] {
  const candidates = ['..', '../..'].map((up) =>
    join(projectRoot(), up, 'shared', 'seed', 'gitops-integration-patterns.md'),
  );
  const seed =
    candidates
      .map((c) => {
        try {
          return readFileSync(c, 'utf8');
        } catch {
          return '';
        }
      })
      .find(Boolean) ?? '';
  const block = /```yaml\n([\s\S]*?)```/.exec(seed.slice(seed.indexOf('### Flux Image Automation')));
  return parseAllDocuments(block![1]!).map((d) => d.toJS() as KubeObject);
}

async function clone(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-iua-clone-'));
  await run('git', ['clone', '-q', '--branch', 'main', bed.git.cloneUrl(REPO), dir]);
  return dir;
}

const git = async (dir: string, ...args: string[]): Promise<string> =>
  (await run('git', args, { cwd: dir })).stdout.trim();

const automation = async (): Promise<ImageUpdateAutomation> =>
  (await home.get({
    apiVersion: 'image.toolkit.fluxcd.io/v1',
    kind: 'ImageUpdateAutomation',
    namespace: NS,
    name: 'my-app',
  })) as ImageUpdateAutomation;

const policy = async (): Promise<ImagePolicy> =>
  (await home.get({
    apiVersion: 'image.toolkit.fluxcd.io/v1',
    kind: 'ImagePolicy',
    namespace: NS,
    name: 'my-app',
  })) as ImagePolicy;

/** A HelmRelease built from the chart in the automation's path (reconcileStrategy Revision: every commit is a new chart version). */
const helmReleaseFromGit = (): KubeObject => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name: 'my-app', namespace: 'my-app' },
  spec: {
    interval: '5m',
    chart: {
      spec: {
        chart: './apps/my-app/chart',
        reconcileStrategy: 'Revision',
        sourceRef: { kind: 'GitRepository', name: 'gitops-repo', namespace: NS },
      },
    },
  },
});

const deploymentImage = async (): Promise<string | undefined> => {
  const d = (await home.get({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'my-app',
    name: 'my-app',
  })) as { spec?: { template: { spec?: { containers: Array<{ image?: string }> } } } } | undefined;
  return d?.spec?.template.spec?.containers[0]?.image;
};

const kubeArgs = (): string[] => ['--kubeconfig', bed.clusters.dev!.kubeconfig, '-n', NS];

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'] });
  image = imageName(bed, 'org/iua-app');
  for (const tag of ['1.0.0', '1.1.0', '1.2.0-rc.1', '2.0.0-bad']) await pushImage(bed, 'org/iua-app', tag);
  const root = mkdtempSync(join(tmpdir(), 'ferry-iua-repo-'));
  mkdirSync(join(root, 'apps', 'my-app'), { recursive: true });
  original = helmRelease(image);
  writeFileSync(join(root, 'apps', 'my-app', 'helmrelease.yaml'), original);
  writeFileSync(join(root, 'README.md'), 'gitops repo\n');
  // A chart in the same path, which a HelmRelease builds from the GitRepository.
  cpSync(join(projectRoot(), 'examples', 'charts', 'my-app'), join(root, 'apps', 'my-app', 'chart'), {
    recursive: true,
  });
  chartValues = readFileSync(join(root, 'apps', 'my-app', 'chart', 'values.yaml'), 'utf8')
    .replace('repository: ghcr.io/org/my-app', `repository: ${image}`)
    .replace("tag: '1.2.0'", `tag: '1.0.0' # {"$imagepolicy": "flux-system:my-app:tag"}`);
  writeFileSync(join(root, 'apps', 'my-app', 'chart', 'values.yaml'), chartValues);
  // reconcileStrategy Revision makes versions like 1.2.0+<sha>; labels cannot hold '+' (as Flux's docs advise).
  const helpers = join(root, 'apps', 'my-app', 'chart', 'templates', '_helpers.tpl');
  writeFileSync(
    helpers,
    readFileSync(helpers, 'utf8').replace(
      '.Chart.Name .Chart.Version }}',
      '.Chart.Name .Chart.Version | replace "+" "_" }}',
    ),
  );
  await bed.git.pushFolder(REPO, root);

  home = await Cluster.fromFile('dev', bed.clusters.dev!.kubeconfig);
  await installCrds(home);
  await ensureNamespace(home, NS);
  const registryAuth = Buffer.from(`${bed.registry.username}:${bed.registry.password}`).toString('base64');
  const setup: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'git-creds', namespace: NS },
      stringData: { username: bed.git.username!, password: bed.git.password! },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/dockerconfigjson',
      metadata: { name: 'registry-creds', namespace: NS },
      stringData: {
        '.dockerconfigjson': JSON.stringify({ auths: { [bed.registry.host]: { auth: registryAuth } } }),
      },
    },
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'gitops-repo', namespace: NS },
      spec: {
        url: bed.git.cloneUrl(REPO, false),
        interval: '1m',
        ref: { branch: 'main' },
        secretRef: { name: 'git-creds' },
      },
    },
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1beta2',
      kind: 'ImageRepository',
      metadata: { name: 'my-app', namespace: NS },
      spec: { image, interval: '1m', insecure: true, secretRef: { name: 'registry-creds' } },
    },
    // The seed's ImagePolicy and ImageUpdateAutomation, verbatim, in flux-system.
    ...seedDocs().map((obj) => ({ ...obj, metadata: { ...obj.metadata, namespace: NS } })),
  ];
  for (const obj of setup) await home.apply(obj);
  const log = process.env.FERRY_TEST_LOG ? createLogger({ debug: true }) : silentLogger;
  // The Flux dialect first: the HelmRelease installs the chart as committed (1.0.0)...
  flux = new FluxController({ home, log, cacheDir: mkdtempSync(join(tmpdir(), 'ferry-iua-cache-')) });
  flux.start();
  await ensureNamespace(home, 'my-app');
  await home.apply(helmReleaseFromGit());
  await eventually(deploymentImage, (img) => img === `${image}:1.0.0`, {
    timeoutMs: 120_000,
    intervalMs: 500,
  });
  // ...then the image controllers (ImageRepository, ImagePolicy, ImageUpdateAutomation).
  images = new ImageController({ home, log, onPushed: (a) => pushes.push(`${a.namespace}/${a.name}`) });
  images.start();
}, 240_000);

afterAll(async () => {
  await images?.stop();
  await flux?.stop();
  await bed?.stop();
});

describe('the seed ImagePolicy and ImageUpdateAutomation', () => {
  it('commit the highest >=1.0.0 tag (1.1.0) with the templated message by flux, byte for byte elsewhere', async () => {
    const auto = await eventually(automation, (a) => Boolean(a?.status?.lastPushCommit), {
      timeoutMs: 90_000,
      intervalMs: 500,
    });
    const dir = await clone();
    expect(await git(dir, 'rev-parse', 'HEAD')).toBe(auto.status!.lastPushCommit);
    expect(await git(dir, 'log', '-1', '--format=%an <%ae>%n%B')).toBe(
      'flux <flux@example.com>\nchore: update my-app to 1.1.0',
    );
    expect(await git(dir, 'rev-list', '--count', 'HEAD')).toBe('2');
    expect(await git(dir, 'show', '--name-only', '--format=', 'HEAD')).toBe(
      'apps/my-app/chart/values.yaml\napps/my-app/helmrelease.yaml',
    );
    expect(readFileSync(join(dir, 'apps/my-app/helmrelease.yaml'), 'utf8')).toBe(
      original.replace('tag: "1.0.0"', 'tag: "1.1.0"'),
    );
    expect(readFileSync(join(dir, 'apps/my-app/chart/values.yaml'), 'utf8')).toBe(
      chartValues.replace("tag: '1.0.0'", "tag: '1.1.0'"),
    );

    const ready = auto.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'True', reason: 'ReconciliationSucceeded' });
    // The push itself, or a later run (a policy or source event) that found nothing left to do.
    const sha = auto.status!.lastPushCommit!;
    expect([
      `committed and pushed commit '${sha}' to branch 'main'`,
      `no updates made; last commit ${sha.slice(0, 7)} at ${auto.status!.lastPushTime}`,
    ]).toContain(ready?.message);
    expect(auto.status?.observedPolicies).toEqual({
      'my-app': expect.objectContaining({ name: image, tag: '1.1.0' }) as unknown,
    });
    expect(auto.status?.lastAutomationRunTime).toBeTruthy();
    const events = await eventually(
      () => eventsFor(home, NS, 'my-app'),
      (list) => list.some((e) => e.message.includes(auto.status!.lastPushCommit!)),
      { timeoutMs: 10_000, intervalMs: 300 },
    );
    expect(events.find((e) => e.message.includes(auto.status!.lastPushCommit!))?.message).toContain(
      'chore: update my-app to 1.1.0',
    );
    // The git password never shows in status or events.
    const seen = JSON.stringify({ status: auto.status, events });
    expect(seen).not.toContain(bed.git.password!);
    expect(pushes).toEqual([`${NS}/my-app`]);
  });

  it('the HelmRelease built from that path then upgrades to 1.1.0 (Flux dialect end to end)', async () => {
    // As `flux reconcile source git gitops-repo` does; Flux would otherwise wait for the interval or a webhook.
    await home.mergePatch(
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        namespace: NS,
        name: 'gitops-repo',
      },
      { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': String(Date.now()) } } },
    );
    await eventually(deploymentImage, (img) => img === `${image}:1.1.0`, {
      timeoutMs: 120_000,
      intervalMs: 500,
    });
    const commit = (await automation()).status!.lastPushCommit!;
    type Hr = { status?: { history?: Array<{ chartVersion: string; version: number }> } };
    const hrRef = {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      namespace: 'my-app',
      name: 'my-app',
    };
    const hr = await eventually(
      async () => (await home.get(hrRef)) as Hr,
      (h) => Boolean(h.status?.history?.[0]?.chartVersion.endsWith(`+${commit.slice(0, 12)}`)),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(hr.status?.history?.[0]?.version).toBeGreaterThan(1);
  });

  it('a second run commits nothing', async () => {
    const before = await git(await clone(), 'rev-parse', 'HEAD');
    const report = await images.automation.runNow(NS, 'my-app');
    expect(report).toMatchObject({ changes: [], pushed: false });
    expect(await git(await clone(), 'rev-parse', 'HEAD')).toBe(before);
    expect(pushes).toHaveLength(1);
    const auto = await automation();
    expect(auto.status?.conditions?.find((c) => c.type === 'Ready')?.message).toMatch(
      /^no updates made; last commit/,
    );
  });

  it('the CLI shows a pending update with --dry-run without committing, then runs it', async () => {
    await home.mergePatch(
      {
        apiVersion: 'image.toolkit.fluxcd.io/v1',
        kind: 'ImageUpdateAutomation',
        namespace: NS,
        name: 'my-app',
      },
      { spec: { suspend: true } },
    );
    await pushImage(bed, 'org/iua-app', '1.3.0');
    await home.mergePatch(
      { apiVersion: 'image.toolkit.fluxcd.io/v1', kind: 'ImageRepository', namespace: NS, name: 'my-app' },
      { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': String(Date.now()) } } },
    );
    await eventually(policy, (p) => p?.status?.latestRef?.tag === '1.3.0', {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    const before = await git(await clone(), 'rev-parse', 'HEAD');

    const dry = await cli(['image', 'automation', 'run', 'my-app', '--dry-run', ...kubeArgs()]);
    expect(dry.stdout).toMatch(/helmrelease\.yaml\s+flux-system:my-app:tag\s+1\.1\.0 → 1\.3\.0/);
    expect(dry.stdout).toContain('chore: update my-app to 1.3.0');
    expect(await git(await clone(), 'rev-parse', 'HEAD')).toBe(before);

    const real = await cli(['image', 'automation', 'run', 'my-app', ...kubeArgs()]);
    const dir = await clone();
    const head = await git(dir, 'rev-parse', 'HEAD');
    expect(head).not.toBe(before);
    expect(real.stdout).toContain(`committed and pushed ${head} to branch 'main'`);
    expect(await git(dir, 'log', '-1', '--format=%B')).toBe('chore: update my-app to 1.3.0');
    expect((await automation()).status?.lastPushCommit).toBe(head);
  });

  it('bad input: a template with the removed .Updated, or a missing GitRepository, is a clear error and commits nothing', async () => {
    const before = await git(await clone(), 'rev-parse', 'HEAD');
    const broken = (name: string, spec: Record<string, unknown>): KubeObject => ({
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImageUpdateAutomation',
      metadata: { name, namespace: NS },
      spec: {
        interval: '1m',
        sourceRef: { kind: 'GitRepository', name: 'gitops-repo' },
        git: { commit: { author: { name: 'flux', email: 'flux@example.com' } }, push: { branch: 'main' } },
        update: { path: './apps/my-app', strategy: 'Setters' },
        ...spec,
      },
    });
    await home.apply(
      broken('old-template', {
        git: {
          commit: {
            author: { email: 'flux@example.com' },
            messageTemplate: '{{ range .Updated.Images }}{{ . }}{{ end }}',
          },
        },
      }),
    );
    await home.apply(broken('no-source', { sourceRef: { kind: 'GitRepository', name: 'missing' } }));
    const ready = (name: string) => async () =>
      (
        (await home.get({
          apiVersion: 'image.toolkit.fluxcd.io/v1',
          kind: 'ImageUpdateAutomation',
          namespace: NS,
          name,
        })) as ImageUpdateAutomation | undefined
      )?.status?.conditions?.find((c) => c.type === 'Ready');
    const done = { timeoutMs: 30_000, intervalMs: 300 };
    const template = await eventually(ready('old-template'), (c) => c?.status === 'False', done);
    expect(template).toMatchObject({ reason: 'InvalidCommitTemplate' });
    expect(template?.message).toMatch(/uses \.Updated, which Flux removed.*use \.Changed/);
    const source = await eventually(ready('no-source'), (c) => c?.status === 'False', done);
    expect(source).toMatchObject({
      reason: 'GitNotAvailable',
      message: 'referenced git repository flux-system/missing is missing',
    });
    const events = await eventsFor(home, NS, 'old-template');
    expect(events.some((e) => e.type === 'Warning' && e.reason === 'InvalidCommitTemplate')).toBe(true);
    expect(await git(await clone(), 'rev-parse', 'HEAD')).toBe(before);
    for (const name of ['old-template', 'no-source'])
      await home.delete({
        apiVersion: 'image.toolkit.fluxcd.io/v1',
        kind: 'ImageUpdateAutomation',
        namespace: NS,
        name,
      });
  });

  it('when someone else pushes between fetch and push, the write-back edits again on their commit and keeps it', async () => {
    await pushImage(bed, 'org/iua-app', '1.4.0');
    let calls = 0;
    let theirs = '';
    const result = await writeBack<SetterChange>({
      url: bed.git.cloneUrl(REPO, false),
      credentials: { username: bed.git.username, password: bed.git.password },
      branch: 'main',
      author: { name: 'flux', email: 'flux@example.com' },
      message: (changes) => `chore: update my-app to ${changes[0]!.newValue}`,
      edit: async (dir) => {
        if (++calls === 1) {
          const other = await clone();
          writeFileSync(join(other, 'README.md'), 'edited by someone else\n');
          await run(
            'git',
            ['-c', 'user.name=someone', '-c', 'user.email=someone@example.com', 'commit', '-qam', 'docs'],
            { cwd: other },
          );
          await run('git', ['push', '-q', 'origin', 'HEAD:main'], { cwd: other });
          theirs = await git(other, 'rev-parse', 'HEAD');
        }
        const latest = new Map([['flux-system:my-app', { name: image, tag: '1.4.0' }]]);
        return updateWithSetters(join(dir, 'apps/my-app'), latest);
      },
    });
    expect(result).toMatchObject({ pushed: true, attempts: 2 });
    const dir = await clone();
    expect(await git(dir, 'rev-parse', 'HEAD')).toBe(result.commit);
    expect(await git(dir, 'rev-parse', 'HEAD^')).toBe(theirs);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('edited by someone else\n');
    expect(readFileSync(join(dir, 'apps/my-app/helmrelease.yaml'), 'utf8')).toBe(
      original.replace('tag: "1.0.0"', 'tag: "1.4.0"'),
    );
  });
});
