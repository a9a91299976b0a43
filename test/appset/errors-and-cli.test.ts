/**
 * What users see when an ApplicationSet goes wrong, and the CLI: template errors
 * (missingkey=error, an invalid or duplicate generated name) and a failing generator
 * become a clear condition and an Event while no Application is created, changed or
 * deleted; `ferry appset list|get|preview` and `ferry cluster add|list|rm`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { Application, ApplicationSet } from '../../src/api/argo/index.js';
import { ClusterRegistry } from '../../src/controllers/clusters.js';
import { ferry } from '../support/cli.js';
import { eventsFor, startFerryOn, waitForApp, type FerryUnderTest } from '../support/ferry.js';
import { eventually } from '../support/kube.js';
import {
  appNames,
  appSetRef,
  condition,
  configMap,
  folder,
  registerRepo,
  upToDate,
  waitForAppSet,
} from './helpers.js';

let bed: Testbed;
let f: FerryUnderTest;
let env: NodeJS.ProcessEnv;

function appSet(patch: (s: ApplicationSet) => void = () => undefined): ApplicationSet {
  const set: ApplicationSet = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'teams', namespace: 'argocd' },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [
        {
          list: {
            elements: [
              { team: 'alpha', dir: 'a' },
              { team: 'beta', dir: 'b' },
            ],
          },
        },
      ],
      template: {
        metadata: { name: '{{.team}}' },
        spec: {
          project: 'default',
          source: { repoURL: bed.git.cloneUrl('teams', false), targetRevision: 'HEAD', path: '{{.dir}}' },
          destination: { server: 'https://kubernetes.default.svc', namespace: '{{.team}}' },
          syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] },
        },
      },
    },
  };
  patch(set);
  return set;
}

/** What must not change while the ApplicationSet is in error: each Application's uid and spec. */
async function snapshot(): Promise<string> {
  const apps = (await f.home.list('argoproj.io/v1alpha1', 'Application', {
    namespace: 'argocd',
  })) as Application[];
  return JSON.stringify(apps.map((a) => [a.metadata.name, a.metadata.uid, a.spec]).sort());
}

async function expectError(reason: string, message: string): Promise<void> {
  const before = await snapshot();
  const set = await waitForAppSet(
    f.home,
    'teams',
    (s) =>
      condition(s, 'ErrorOccurred')?.status === 'True' &&
      condition(s, 'ErrorOccurred')?.message.includes(message) === true,
  );
  expect(condition(set, 'ErrorOccurred')).toMatchObject({ reason, status: 'True' });
  expect(condition(set, 'ResourcesUpToDate')).toMatchObject({ status: 'False', reason: 'ErrorOccurred' });
  const warnings = (await eventsFor(f.home, 'argocd', 'teams'))
    .filter((e) => e.type === 'Warning')
    .map((e) => e.reason);
  expect(warnings).toContain(reason);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await snapshot()).toBe(before);
}

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['control'], nodes: false });
  await bed.git.pushFolder(
    'teams',
    folder({
      'a/cm.yaml': configMap('team', { team: 'alpha' }),
      'b/cm.yaml': configMap('team', { team: 'beta' }),
    }),
  );
  f = await startFerryOn(bed, 'control');
  await registerRepo(f.home, bed, 'teams');
  env = { KUBECONFIG: bed.clusters.control!.kubeconfig };
  await f.home.apply(appSet());
  await waitForApp(f.home, 'alpha', (a) => a.status?.sync?.status === 'Synced');
  await waitForAppSet(f.home, 'teams', upToDate);
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

describe('errors change nothing', () => {
  it('an unknown parameter with missingkey=error', async () => {
    await f.home.apply(appSet((s) => (s.spec.template.metadata.name = '{{.team}}-{{.nosuch}}')));
    await expectError('RenderTemplateParamsError', 'map has no entry for key "nosuch"');
    expect(condition(await waitForAppSet(f.home, 'teams', () => true), 'ParametersGenerated')).toMatchObject({
      status: 'False',
    });
  });

  it('an invalid generated name', async () => {
    await f.home.apply(appSet((s) => (s.spec.template.metadata.name = '{{.team}}_App')));
    await expectError('ApplicationValidationError', 'generated an invalid application name "alpha_App"');
  });

  it('two Applications with the same name', async () => {
    await f.home.apply(appSet((s) => (s.spec.template.metadata.name = 'same')));
    await expectError('ApplicationValidationError', 'contains applications with duplicate name: same');
  });

  it('a failing generator (git repository that does not exist) deletes nothing', async () => {
    const missing = `${bed.git.url}/does-not-exist.git`;
    await f.home.apply(
      appSet(
        (s) =>
          (s.spec.generators = [
            { git: { repoURL: missing, revision: 'HEAD', directories: [{ path: '*' }] } },
          ]),
      ),
    );
    await expectError('ApplicationGenerationFromParamsError', 'does-not-exist');
    expect(await appNames(f.home)).toEqual(['alpha', 'beta']);
  });

  it('recovers once fixed', async () => {
    await f.home.apply(appSet());
    const set = await waitForAppSet(f.home, 'teams', upToDate);
    expect(condition(set, 'ErrorOccurred')).toMatchObject({ status: 'False' });
    expect(await appNames(f.home)).toEqual(['alpha', 'beta']);
  });
});

describe('ferry appset', () => {
  it('lists and shows ApplicationSets', async () => {
    const { stdout: list } = await ferry(['appset', 'list'], env);
    expect(list).toMatch(/^NAME\s+GENERATORS\s+APPS/);
    expect(list).toMatch(/teams\s+list\s+2\s+sync\s+UpToDate/);
    const { stdout: get } = await ferry(['appset', 'get', 'teams'], env);
    expect(get).toContain('ResourcesUpToDate    True');
    expect(get).toMatch(/alpha\s+Synced/);
  });

  it('previews without creating anything', async () => {
    const file = join(folder({}), 'preview.yaml');
    writeFileSync(
      file,
      stringify(
        appSet((s) => {
          s.metadata.name = 'preview-only';
          s.spec.generators = [{ list: { elements: [{ team: 'gamma', dir: 'a' }] } }];
        }),
      ),
    );
    const { stdout, stderr } = await ferry(['appset', 'preview', '-f', file], env);
    expect(stdout).toContain('name: gamma');
    expect(stderr).toContain('would create gamma');
    const { stdout: names } = await ferry(['appset', 'preview', 'teams', '-o', 'name'], env);
    expect(names).toBe('alpha\nbeta\n');
    expect(await appNames(f.home)).toEqual(['alpha', 'beta']);
    expect(await f.home.get(appSetRef('preview-only'))).toBeUndefined();
  });
});

describe('ferry cluster', () => {
  it('adds a cluster with a ServiceAccount token, lists it and removes it', async () => {
    const kubeconfig = bed.clusters.control!.kubeconfig;
    const { stdout } = await ferry(
      [
        'cluster',
        'add',
        'extra',
        '--kubeconfig',
        kubeconfig,
        '--server',
        'https://extra.example.com',
        '--label',
        'tier=test',
      ],
      env,
    );
    expect(stdout).toContain("Cluster 'https://extra.example.com' added as extra");
    const sa = await f.home.get({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      namespace: 'kube-system',
      name: 'argocd-manager',
    });
    expect(sa).toBeTruthy();
    // The stored token works: list namespaces as the new ServiceAccount.
    const registry = new ClusterRegistry(f.home, 'argocd');
    const [extra] = (await registry.list())
      .filter((c) => c.name === 'extra')
      .map(({ config: _c, ...rest }) => rest);
    expect(extra).toMatchObject({
      server: 'https://extra.example.com',
      address: bed.clusters.control!.server,
      labels: { tier: 'test' },
    });
    const cluster = await registry.resolve({ name: 'extra' });
    expect((await cluster.list('v1', 'Namespace')).map((n) => n.metadata.name)).toContain('kube-system');
    const { stdout: list } = await ferry(['cluster', 'list'], env);
    expect(list).toMatch(/https:\/\/kubernetes\.default\.svc\s+in-cluster/);
    expect(list).toMatch(/https:\/\/extra\.example\.com\s+extra\s+v1\.\d+\.\d+\s+Successful/);
    const { stdout: removed } = await ferry(['cluster', 'rm', 'extra'], env);
    expect(removed).toContain("Cluster 'https://extra.example.com' (extra) removed");
    // (names only: a failure message must not print the token)
    await eventually(
      async () => (await registry.list()).map((c) => c.name),
      (names) => !names.includes('extra'),
    );
  });
});
