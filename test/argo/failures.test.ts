/**
 * What users see when things go wrong: each bad input becomes a condition on the
 * Application, an Event and `ferry app get` output, and nothing already deployed is
 * changed or pruned. A failing sync retries on the seed's backoff schedule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { V1Deployment } from '@kubernetes/client-node';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { Application } from '../../src/api/argo/index.js';
import type { KubeObject } from '../../src/kube/object.js';
import { projectRoot } from '../../src/util/paths.js';
import { ferry as cli } from '../support/cli.js';
import {
  appRef,
  eventsFor,
  getApp,
  seedYaml,
  startFerryOn,
  syncedAndHealthy,
  waitForApp,
  type FerryUnderTest,
} from '../support/ferry.js';
import { freePort } from '../../src/testbed/ports.js';

let bed: Testbed;
let f: FerryUnderTest;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-src-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'] });
  await bed.publishChart(join(projectRoot(), 'examples', 'charts', 'my-app'), {
    version: '1.2.0',
    oci: false,
  });
  await bed.git.pushFolder(
    'manifests',
    folder({
      'broken-kustomize/kustomization.yaml': 'resources:\n  - missing-file.yaml\n',
      'rejected/configmap.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_A_Valid_Name\ndata:\n  a: "1"\n',
      'bad-template/Chart.yaml': 'apiVersion: v2\nname: bad-template\nversion: 0.1.0\n',
      'bad-template/values.yaml': 'image: {}\n',
      'bad-template/templates/cm.yaml': '{{ required "image.tag is required" .Values.image.tag }}\n',
      'plain/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: "1"\n',
    }),
  );
  // Repository credentials the Argo CD way: a labelled Secret in the control namespace.
  f = await startFerryOn(bed);
  await f.home.apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'gitops-repo',
      namespace: 'argocd',
      labels: { 'argocd.argoproj.io/secret-type': 'repository' },
    },
    stringData: {
      type: 'git',
      url: bed.git.cloneUrl('manifests', false),
      username: bed.git.username!,
      password: bed.git.password!,
    },
  });
  await f.home.apply(basic('victim'));
  await waitForApp(f.home, 'victim', syncedAndHealthy);
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

function basic(name: string, patch: (app: Application) => void = () => undefined): Application {
  const app = seedYaml('Basic Application') as Application;
  app.metadata.name = name;
  app.spec.source!.repoURL = bed.chartRepo.url;
  app.spec.destination.namespace = name;
  patch(app);
  return app;
}

function gitApp(
  name: string,
  path: string,
  patch: (app: Application) => void = () => undefined,
): Application {
  return basic(name, (a) => {
    a.spec.source = { repoURL: bed.git.cloneUrl('manifests', false), path, targetRevision: 'main' };
    patch(a);
  });
}

async function expectCondition(name: string, type: string, message: RegExp): Promise<Application> {
  const app = await waitForApp(
    f.home,
    name,
    (a) => a.status?.conditions?.some((c) => c.type === type && message.test(c.message)) === true,
    30_000,
  );
  const events = await eventsFor(f.home, 'argocd', name);
  expect(events.some((e) => e.type === 'Warning' && e.reason === type && message.test(e.message))).toBe(true);
  const { stdout } = await cli(['app', 'get', name, '--kubeconfig', bed.clusters.dev!.kubeconfig]);
  expect(stdout).toContain(type);
  expect(stdout).toMatch(message);
  return app;
}

async function victimUntouched(): Promise<void> {
  const d = (await f.home.get({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'victim',
    name: 'victim-my-app',
  })) as (V1Deployment & KubeObject) | undefined;
  expect(d?.spec?.replicas).toBe(3);
  expect(d?.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe(
    'victim:apps/Deployment:victim/victim-my-app',
  );
  expect(
    await f.home.get({ apiVersion: 'v1', kind: 'Service', namespace: 'victim', name: 'victim-my-app' }),
  ).toBeTruthy();
}

describe('bad input on an app that is already deployed changes nothing', () => {
  it.each<[string, (a: Application) => void, string, RegExp]>([
    [
      'an unknown chart',
      (a) => (a.spec.source!.chart = 'no-such-chart'),
      'ComparisonError',
      /chart "no-such-chart" version "1.2.0" not found/,
    ],
    [
      'a version range with no match',
      (a) => (a.spec.source!.targetRevision = '~9.0.0'),
      'ComparisonError',
      /version "~9.0.0" not found.*available: 1\.2\.0/,
    ],
    [
      'a missing values file',
      (a) => (a.spec.source!.helm!.valueFiles = ['values-nope.yaml']),
      'ComparisonError',
      /value file values-nope.yaml not found/,
    ],
    [
      'an invalid retry duration',
      (a) => (a.spec.syncPolicy!.retry!.backoff!.duration = '5x'),
      'InvalidSpecError',
      /duration/,
    ],
    [
      'an unknown sync option value',
      (a) => (a.spec.syncPolicy!.syncOptions = ['CreateNamespace=maybe']),
      'InvalidSpecError',
      /CreateNamespace=maybe/,
    ],
  ])('%s', async (_what, patch, type, message) => {
    const app = basic('victim', patch);
    await f.home.apply(app);
    await expectCondition('victim', type, message);
    const status = await getApp(f.home, 'victim');
    expect(status.status?.sync?.status).toBe('Unknown');
    await victimUntouched();
  });

  it('an unreachable repository', async () => {
    const port = await freePort();
    await f.home.apply(basic('victim', (a) => (a.spec.source!.repoURL = `http://127.0.0.1:${port}`)));
    await expectCondition('victim', 'ComparisonError', /cannot reach http:\/\/127\.0\.0\.1/);
    await victimUntouched();
  });

  it('a destination the project does not allow', async () => {
    await f.home.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'team-a', namespace: 'argocd' },
      spec: {
        sourceRepos: ['*'],
        destinations: [{ server: '*', namespace: 'team-a-*' }],
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      },
    });
    await f.home.apply(basic('victim', (a) => (a.spec.project = 'team-a')));
    await expectCondition('victim', 'InvalidSpecError', /victim.*not permitted|not permitted.*victim/);
    await victimUntouched();
  });

  it('recovers once the spec is fixed', async () => {
    await f.home.apply(basic('victim'));
    const app = await waitForApp(
      f.home,
      'victim',
      (a) => syncedAndHealthy(a) && !a.status?.conditions?.length,
    );
    expect(app.status?.sync?.revision).toBe('1.2.0');
  });
});

describe('bad input on new apps', () => {
  it('a helm template error', async () => {
    await f.home.apply(gitApp('bad-template', 'bad-template'));
    await expectCondition('bad-template', 'ComparisonError', /helm template failed: .*image.tag is required/);
  });

  it('a kustomize error', async () => {
    await f.home.apply(gitApp('broken-kustomize', 'broken-kustomize'));
    await expectCondition(
      'broken-kustomize',
      'ComparisonError',
      /kustomize build failed: .*missing-file\.yaml/,
    );
  });

  it('bad repository credentials, without showing the password', async () => {
    await f.home.apply(
      gitApp(
        'bad-creds',
        'plain',
        (a) =>
          (a.spec.source!.repoURL = bed.git
            .cloneUrl('manifests', false)
            .replace('/manifests.git', '/manifests')),
      ),
    );
    await waitForApp(f.home, 'bad-creds', syncedAndHealthy); // the right credentials work ...
    await f.home.mergePatch(
      { apiVersion: 'v1', kind: 'Secret', namespace: 'argocd', name: 'gitops-repo' },
      { stringData: { password: 'wrong-password' } },
    );
    await f.home.mergePatch(appRef('bad-creds'), {
      metadata: { annotations: { 'argocd.argoproj.io/refresh': 'hard' } },
    });
    const app = await expectCondition('bad-creds', 'ComparisonError', /authentication failed/);
    expect(JSON.stringify(app)).not.toContain('wrong-password');
    expect(
      await f.home.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'bad-creds', name: 'plain' }),
    ).toBeTruthy();
    await f.home.mergePatch(
      { apiVersion: 'v1', kind: 'Secret', namespace: 'argocd', name: 'gitops-repo' },
      { stringData: { password: bed.git.password! } },
    );
  });
});

describe('retry', () => {
  it('retries a failing sync on the seed’s backoff (5s, 10s, 20s), then reports the failure', async () => {
    const started = Date.now();
    await f.home.apply(gitApp('rejected', 'rejected'));
    // Record when each state first appears: retry #1, #2, #3 scheduled, then Failed.
    const seen: Array<{ state: string; at: number }> = [];
    let app: Application;
    for (;;) {
      app = await getApp(f.home, 'rejected');
      const op = app.status?.operationState;
      const state = op ? `${op.phase}:${op.retryCount ?? 0}` : '';
      if (op && !seen.some((s) => s.state === state)) seen.push({ state, at: Date.now() });
      if (op?.phase === 'Failed') break;
      if (Date.now() - started > 90_000) throw new Error(`no final failure; saw ${JSON.stringify(seen)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(seen.map((s) => s.state)).toEqual(['Running:1', 'Running:2', 'Running:3', 'Failed:3']);
    const gaps = seen.slice(1).map((s, i) => (s.at - seen[i]!.at) / 1000);
    expect(gaps[0]).toBeGreaterThan(4.5);
    expect(gaps[0]).toBeLessThan(7.5);
    expect(gaps[1]).toBeGreaterThan(9.5);
    expect(gaps[1]).toBeLessThan(12.5);
    expect(gaps[2]).toBeGreaterThan(19.5);
    expect(gaps[2]).toBeLessThan(22.5);
    expect(app.status?.operationState?.message).toMatch(/Not_A_Valid_Name/);
    const retries = (await eventsFor(f.home, 'argocd', 'rejected')).filter(
      (e) => e.reason === 'OperationRetrying',
    );
    expect(retries.map((e) => e.message.match(/retry #(\d) in (\d+)s/)?.slice(1))).toEqual([
      ['1', '5'],
      ['2', '10'],
      ['3', '20'],
    ]);
  }, 120_000);
});
