/**
 * Git webhooks: a signed GitHub push refreshes exactly the apps whose repository and
 * branch moved, and the change reaches the cluster in seconds (the periodic resync is
 * set far away so only the webhook can explain it). Unsigned or badly signed hooks are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createHmac } from 'node:crypto';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { Application } from '../../src/api/argo/index.js';
import type { KubeObject } from '../../src/kube/object.js';
import {
  startFerryOn,
  syncedAndHealthy,
  waitForApp,
  type FerryUnderTest,
  gitRepoSecret,
} from '../support/ferry.js';
import { eventually } from '../support/kube.js';

const secret = 'webhook-test-secret';
let bed: Testbed;
let f: FerryUnderTest;
let folderA: string;

function configMapFolder(value: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-hook-'));
  writeFileSync(
    join(dir, 'cm.yaml'),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  value: "${value}"\n`,
  );
  return dir;
}

function app(name: string, repo: string): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: bed.git.cloneUrl(repo, false), path: '.', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };
}

function pushPayload(repo: string): string {
  const url = bed.git.cloneUrl(repo, false).replace(/\.git$/, '');
  return JSON.stringify({
    ref: 'refs/heads/main',
    before: '0'.repeat(40),
    after: '1'.repeat(40),
    repository: { html_url: url, clone_url: `${url}.git`, default_branch: 'main' },
    commits: [{ id: '1'.repeat(40), added: [], modified: ['cm.yaml'], removed: [] }],
  });
}

async function postHook(
  body: string,
  signature?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push' };
  if (signature) headers['X-Hub-Signature-256'] = signature;
  const res = await fetch(`${f.ferry.server!.url}/api/webhook`, { method: 'POST', headers, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const sign = (body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'], nodes: false });
  folderA = configMapFolder('one');
  await bed.git.pushFolder('repo-a', folderA);
  await bed.git.pushFolder('repo-b', configMapFolder('b'));
  f = await startFerryOn(bed, 'dev', { listen: '127.0.0.1:0', resyncMs: 600_000 });
  for (const repo of ['repo-a', 'repo-b']) {
    await f.home.apply(gitRepoSecret(bed, repo));
  }
  await f.home.apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'argocd-secret', namespace: 'argocd' },
    stringData: { 'webhook.github.secret': secret },
  });
  await f.home.apply(app('app-a', 'repo-a'));
  await f.home.apply(app('app-b', 'repo-b'));
  await waitForApp(f.home, 'app-a', syncedAndHealthy);
  await waitForApp(f.home, 'app-b', syncedAndHealthy);
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

describe('git webhook', () => {
  it('refuses an unsigned or wrongly signed push', async () => {
    const body = pushPayload('repo-a');
    expect((await postHook(body)).status).toBe(401);
    const wrong = await postHook(body, `sha256=${'0'.repeat(64)}`);
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.json)).not.toContain(secret);
  });

  it('refreshes only the app whose repository moved, and the change lands in seconds', async () => {
    writeFileSync(
      join(folderA, 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  value: "two"\n',
    );
    await bed.git.pushFolder('repo-a', folderA, { message: 'value two' });
    const body = pushPayload('repo-a');
    const pushedAt = Date.now();
    const answer = await postHook(body, sign(body));
    expect(answer).toEqual({ status: 200, json: { refreshed: ['app-a'], ref: 'refs/heads/main' } });
    await eventually(
      () =>
        f.home.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'app-a', name: 'settings' }) as Promise<
          (V1ConfigMap & KubeObject) | undefined
        >,
      (cm) => cm?.data?.value === 'two',
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    expect(Date.now() - pushedAt).toBeLessThan(10_000);
  });
});

describe('git webhook and ApplicationSets', () => {
  it('generates Applications for a directory pushed to a repository that a git generator reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-dirs-'));
    mkdirSync(join(dir, 'apps', 'alpha'), { recursive: true });
    writeFileSync(
      join(dir, 'apps', 'alpha', 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alpha\n',
    );
    await bed.git.pushFolder('repo-c', dir);
    await f.home.apply(gitRepoSecret(bed, 'repo-c'));
    const repoURL = bed.git.cloneUrl('repo-c', false);
    await f.home.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'dirs', namespace: 'argocd' },
      spec: {
        generators: [{ git: { repoURL, revision: 'main', directories: [{ path: 'apps/*' }] } }],
        template: {
          metadata: { name: '{{path.basename}}' },
          spec: {
            project: 'default',
            source: { repoURL, targetRevision: 'main', path: '{{path}}' },
            destination: { server: 'https://kubernetes.default.svc', namespace: '{{path.basename}}' },
          },
        },
      },
    });
    await waitForApp(f.home, 'alpha', (a) => a.spec.source?.path === 'apps/alpha');
    mkdirSync(join(dir, 'apps', 'beta'));
    writeFileSync(
      join(dir, 'apps', 'beta', 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: beta\n',
    );
    await bed.git.pushFolder('repo-c', dir, { message: 'add beta' });
    const body = pushPayload('repo-c');
    expect((await postHook(body, sign(body))).status).toBe(200);
    const started = Date.now();
    await waitForApp(f.home, 'beta', (a) => a.spec.source?.path === 'apps/beta', 15_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
