/**
 * The other sources against the real bed: a GitRepository (branch, basic auth) whose
 * artifact is a checkout folder with Flux's revision, a HelmChart built from it, an HTTP
 * HelmRepository whose artifact is its index, and an OCIRepository holding a Helm chart
 * that a HelmRelease installs through `chartRef`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { GitRepository, HelmRelease, HelmRepository, OCIRepository } from '../../src/api/flux/index.js';
import { artifactDir } from '../../src/controllers/flux/index.js';
import type { KubeObject } from '../../src/kube/object.js';
import { projectRoot } from '../../src/util/paths.js';
import { eventually } from '../support/kube.js';
import { chartVariant, eventsFor, startFerryOn, type FerryUnderTest } from '../support/ferry.js';
import { ferry } from '../support/cli.js';
import {
  condition,
  deployment,
  ensureNamespace,
  helmHistory,
  readyAt,
  registrySecret,
  waitForHr,
} from './support.js';

let bed: Testbed;
let f: FerryUnderTest;
let sha: string;
const ns = 'sources';
const chart = join(projectRoot(), 'examples', 'charts', 'my-app');

function waitReady<T extends KubeObject>(kind: string, name: string): Promise<T> {
  return eventually(
    async () =>
      (await f.home.get({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind, namespace: ns, name })) as T,
    (o) =>
      condition(o as never, 'Ready')?.status === 'True' &&
      (o.status as { observedGeneration?: number })?.observedGeneration === o.metadata.generation,
    { timeoutMs: 60_000, intervalMs: 300 },
  );
}

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'] });
  await bed.publishChart(chart, { version: '1.2.0' });
  const repo = mkdtempSync(join(tmpdir(), 'ferry-gitrepo-'));
  cpSync(chart, join(repo, 'charts', 'my-app'), { recursive: true });
  sha = await bed.git.pushFolder('charts', repo);
  f = await startFerryOn(bed);
  await ensureNamespace(f.home, ns);
  await f.home.apply(registrySecret(bed, ns));
  await f.home.apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'git-creds', namespace: ns },
    stringData: { username: bed.git.username!, password: bed.git.password! },
  });
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

describe('Flux sources', () => {
  it('GitRepository: a checkout folder with revision main@sha1:<commit>', async () => {
    const git: GitRepository = {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'charts', namespace: ns },
      spec: {
        url: bed.git.cloneUrl('charts', false),
        interval: '1m',
        ref: { branch: 'main' },
        secretRef: { name: 'git-creds' },
      },
    };
    await f.home.apply(git);
    const ready = await waitReady<GitRepository>('GitRepository', 'charts');
    expect(ready.status?.artifact?.revision).toBe(`main@sha1:${sha}`);
    expect(condition(ready, 'Ready')?.message).toBe(`stored artifact for revision 'main@sha1:${sha}'`);
    const dir = artifactDir(ready.status?.artifact);
    expect(dir && existsSync(join(dir, 'charts', 'my-app', 'Chart.yaml'))).toBe(true);
  });

  it('HelmRelease from a GitRepository chart (HelmChart built from the checkout)', async () => {
    const hr: HelmRelease = {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'from-git', namespace: ns },
      spec: {
        interval: '5m',
        timeout: '1m',
        // reconcileStrategy Revision would make the version 1.2.0+<commit>: the example chart puts
        // its version in a label, where '+' is not allowed (real charts replace it).
        chart: {
          spec: {
            chart: './charts/my-app',
            sourceRef: { kind: 'GitRepository', name: 'charts' },
            valuesFiles: ['charts/my-app/values.yaml', 'charts/my-app/values-prod.yaml'],
          },
        },
      },
    };
    await f.home.apply(hr);
    const done = await waitForHr(f.home, `${ns}/from-git`, readyAt('1.2.0'));
    expect(done.status?.history?.[0]?.chartName).toBe('my-app');
    const helmChart = await waitReady<KubeObject>('HelmChart', 'sources-from-git');
    expect((helmChart.status as { artifact?: { revision?: string } }).artifact?.revision).toBe('1.2.0');
    expect((await helmHistory(bed, 'from-git', ns))[0]).toMatchObject({
      revision: 1,
      status: 'deployed',
      chart: 'my-app-1.2.0',
    });
    // valuesFiles (relative to the repository root) became the chart's values: values-prod.yaml's replicas.
    expect((await deployment(f.home, ns, 'from-git-my-app'))?.spec).toMatchObject({ replicas: 3 });
  });

  it("postRenderers: kustomize patches and images over helm's output", async () => {
    await f.home.mergePatch(
      { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: ns, name: 'from-git' },
      {
        spec: {
          commonMetadata: { labels: { team: 'platform' } },
          postRenderers: [
            {
              kustomize: {
                patches: [
                  {
                    target: { kind: 'Deployment' },
                    patch: '- op: add\n  path: /metadata/labels/post-rendered\n  value: "yes"\n',
                  },
                ],
                images: [{ name: 'ghcr.io/org/my-app', newTag: '9.9.9' }],
              },
            },
          ],
        },
      },
    );
    const done = await waitForHr(
      f.home,
      `${ns}/from-git`,
      (h) => h.status?.history?.[0]?.version === 2 && readyAt('1.2.0')(h),
    );
    expect(done.status?.observedPostRenderersDigest).toMatch(/^sha256:/);
    const d = (await deployment(f.home, ns, 'from-git-my-app')) as unknown as {
      metadata: { labels: Record<string, string> };
      spec: { template: { spec: { containers: Array<{ image: string }> } } };
    };
    expect(d.metadata.labels['post-rendered']).toBe('yes');
    expect(d.metadata.labels.team).toBe('platform');
    const service = await f.home.get({
      apiVersion: 'v1',
      kind: 'Service',
      namespace: ns,
      name: 'from-git-my-app',
    });
    expect(service?.metadata.labels?.team).toBe('platform');
    expect((service?.spec as { selector: Record<string, string> }).selector.team).toBeUndefined();
    expect(d.spec.template.spec.containers[0]?.image).toBe('ghcr.io/org/my-app:9.9.9');
  });

  it('HelmRepository (HTTP): the index is the artifact, its digest the revision', async () => {
    const repo: HelmRepository = {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      metadata: { name: 'http-charts', namespace: ns },
      spec: { url: bed.chartRepo.url, interval: '10m' },
    };
    await f.home.apply(repo);
    const ready = await waitReady<HelmRepository>('HelmRepository', 'http-charts');
    expect(ready.status?.artifact?.revision).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(condition(ready, 'Ready')?.message).toBe(
      `stored artifact: revision '${ready.status?.artifact?.revision}'`,
    );
    expect(existsSync(join(artifactDir(ready.status?.artifact)!, 'index.yaml'))).toBe(true);
  });

  it('OCIRepository with a Helm chart, installed through chartRef', async () => {
    const oci: OCIRepository = {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      metadata: { name: 'my-app', namespace: ns },
      spec: {
        url: `${bed.registry.ociUrl}/charts/my-app`,
        interval: '5m',
        insecure: true,
        secretRef: { name: 'registry-creds' },
        ref: { semver: '~1.2.0' },
        layerSelector: {
          mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
          operation: 'copy',
        },
      },
    };
    await f.home.apply(oci);
    const ready = await waitReady<OCIRepository>('OCIRepository', 'my-app');
    expect(ready.status?.artifact?.revision).toMatch(/^1\.2\.0@sha256:[0-9a-f]{64}$/);
    const hr: HelmRelease = {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'from-oci', namespace: ns },
      spec: {
        interval: '5m',
        timeout: '1m',
        chartRef: { kind: 'OCIRepository', name: 'my-app' },
        values: { replicaCount: 1 },
      },
    };
    await f.home.apply(hr);
    const done = await waitForHr(f.home, `${ns}/from-oci`, readyAt('1.2.0'));
    expect(done.status?.lastAttemptedRevisionDigest).toBe(ready.status?.artifact?.digest);
    expect(done.status?.helmChart).toBeUndefined();
    const { stdout } = await ferry([
      'flux',
      'get',
      'sources',
      '-n',
      ns,
      '--kubeconfig',
      bed.clusters.dev!.kubeconfig,
    ]);
    expect(stdout).toMatch(/git\/charts\s+main@sha1:[0-9a-f]{40}\s+False\s+True/);
    expect(stdout).toMatch(/oci\/my-app\s+1\.2\.0@sha256:/);
    expect(stdout).toMatch(/helm\/http-charts\s+sha256:/);
    expect(stdout).toMatch(/helmchart\/sources-from-git\s+1\.2\.0\s+False\s+True/);
  });
});

describe('helm test', () => {
  it('test.enable runs the chart tests after the release; results land in status.history', async () => {
    const job = [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: {{ .Release.Name }}-smoke',
      '  annotations:',
      '    helm.sh/hook: test',
      'spec:',
      '  backoffLimit: 0',
      '  template:',
      '    spec:',
      '      restartPolicy: Never',
      '      containers:',
      '        - name: smoke',
      '          image: busybox',
      '          command: ["true"]',
      '',
    ].join('\n');
    await bed.publishChart(chartVariant({ version: '1.4.0', extraTemplates: { 'smoke-test.yaml': job } }));
    const repo: HelmRepository = {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      metadata: { name: 'oci-charts', namespace: ns },
      spec: {
        type: 'oci',
        url: `${bed.registry.ociUrl}/charts`,
        interval: '10m',
        insecure: true,
        secretRef: { name: 'registry-creds' },
      },
    };
    await f.home.apply(repo);
    const hr: HelmRelease = {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'tested', namespace: ns },
      spec: {
        interval: '5m',
        timeout: '1m',
        chart: {
          spec: {
            chart: 'my-app',
            version: '1.4.0',
            sourceRef: { kind: 'HelmRepository', name: 'oci-charts' },
          },
        },
        values: { replicaCount: 1 },
        test: { enable: true },
      },
    };
    await f.home.apply(hr);
    const done = await waitForHr(
      f.home,
      `${ns}/tested`,
      (h) => condition(h, 'TestSuccess')?.status === 'True' && readyAt('1.4.0')(h),
    );
    expect(condition(done, 'TestSuccess')?.message).toMatch(
      /Helm test succeeded for release sources\/tested.v1 with chart my-app@1.4.0: 1 test hook\(s\) completed successfully/,
    );
    expect(done.status?.history?.[0]?.testHooks).toMatchObject({ 'tested-smoke': { phase: 'Succeeded' } });
  });
});

describe('HelmRelease lifecycle from the CLI and deletion', () => {
  it('ferry hr rollback refuses a HelmRelease that is not suspended', async () => {
    const failed = await ferry([
      'hr',
      'rollback',
      'tested',
      '-n',
      ns,
      '--kubeconfig',
      bed.clusters.dev!.kubeconfig,
    ]).catch((err: { stderr: string }) => err);
    expect(failed.stderr).toMatch(
      /is not suspended: Ferry would undo the rollback. Run 'ferry hr suspend tested -n sources' first/,
    );
  });

  it('deleting a HelmRelease uninstalls its release and deletes its HelmChart', async () => {
    await f.home.delete({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      namespace: ns,
      name: 'tested',
    });
    await eventually(
      () =>
        f.home.get({
          apiVersion: 'helm.toolkit.fluxcd.io/v2',
          kind: 'HelmRelease',
          namespace: ns,
          name: 'tested',
        }),
      (hr) => hr === undefined,
      { timeoutMs: 60_000 },
    );
    expect(
      await f.home.get({
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'HelmChart',
        namespace: ns,
        name: 'sources-tested',
      }),
    ).toBeUndefined();
    expect(await deployment(f.home, ns, 'tested-my-app')).toBeUndefined();
    await expect(helmHistory(bed, 'tested', ns)).rejects.toThrow(/release: not found/);
  });
});

describe('drift detection', () => {
  const scale = (replicas: number) =>
    f.home.mergePatch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'from-oci-my-app' },
      { spec: { replicas } },
    );
  const reconcile = () =>
    ferry(['hr', 'reconcile', 'from-oci', '-n', ns, '--kubeconfig', bed.clusters.dev!.kubeconfig]);

  it('mode enabled: a change made in the cluster is corrected, without a new Helm revision', async () => {
    await f.home.mergePatch(
      { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: ns, name: 'from-oci' },
      {
        spec: {
          driftDetection: {
            mode: 'enabled',
            ignore: [{ paths: ['/metadata/labels/ignored'], target: { kind: 'Deployment' } }],
          },
        },
      },
    );
    await waitForHr(f.home, `${ns}/from-oci`, readyAt('1.2.0'));
    await scale(4);
    await reconcile();
    await eventually(
      () => deployment(f.home, ns, 'from-oci-my-app'),
      (d) => (d?.spec as { replicas?: number }).replicas === 1,
      { timeoutMs: 30_000 },
    );
    const events = await eventsFor(f.home, ns, 'from-oci');
    expect(
      events.some(
        (e) =>
          e.reason === 'DriftDetected' &&
          e.message.includes('Deployment.apps/sources/from-oci-my-app changed (/spec/replicas)'),
      ),
    ).toBe(true);
    expect(events.some((e) => e.reason === 'DriftCorrected')).toBe(true);
    expect((await helmHistory(bed, 'from-oci', ns)).map((h) => h.revision)).toEqual([1]);
  });

  it('mode warn: reported, not corrected; ignore rules leave fields out', async () => {
    const hrRef = {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      namespace: ns,
      name: 'from-oci',
    };
    const detected = async () =>
      (await eventsFor(f.home, ns, 'from-oci')).filter((e) => e.reason === 'DriftDetected').length;
    await f.home.mergePatch(hrRef, {
      spec: {
        driftDetection: {
          mode: 'warn',
          ignore: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment' } }],
        },
      },
    });
    await waitForHr(f.home, `${ns}/from-oci`, readyAt('1.2.0'));
    const before = await detected();
    await scale(2);
    await reconcile();
    expect(await detected()).toBe(before);
    await f.home.mergePatch(hrRef, { spec: { driftDetection: { ignore: null } } });
    await eventually(detected, (n) => n > before, { timeoutMs: 30_000 });
    expect((await deployment(f.home, ns, 'from-oci-my-app'))?.spec).toMatchObject({ replicas: 2 });
    expect((await helmHistory(bed, 'from-oci', ns)).map((h) => h.revision)).toEqual([1]);
  });
});
