/**
 * Pod logs of an Application on the real bed: kwok serves the kubelet's pods/log from
 * the bed's log file, so a line appended there comes back through the API (readonly
 * token), the dashboard's Logs button (Debian's chromium) and the CLI in kube and
 * --server mode. A pod outside
 * the app's tree is 404; a project role without `get` on the app is 403.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { projectRoot } from '../../src/util/paths.js';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { podLogFile } from '../../src/testbed/controlplane.js';
import { createToken } from '../../src/server/api/tokens.js';
import type { PodLog } from '../../src/server/api/logs.js';
import { CommandError } from '../../src/util/exec.js';
import {
  gitRepoSecret,
  startFerryOn,
  syncedAndHealthy,
  waitForApp,
  type FerryUnderTest,
} from '../support/ferry.js';
import { ferry } from '../support/cli.js';
import { eventually } from '../support/kube.js';
import { call } from './support.js';

let bed: Testbed;
let f: FerryUnderTest;
let base: string;
let readonly: string;
let outsider: string;
let podName: string;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: server
          image: example.invalid/web:1
        - name: sidecar
          image: example.invalid/sidecar:1
`;

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'] });
  const dir = mkdtempSync(join(tmpdir(), 'ferry-logs-'));
  writeFileSync(join(dir, 'deploy.yaml'), deployment);
  await bed.git.pushFolder('web', dir);
  f = await startFerryOn(bed, 'dev', { listen: '127.0.0.1:0' });
  base = f.ferry.server!.url;
  await f.home.apply(gitRepoSecret(bed, 'web'));
  await f.home.apply({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'other', namespace: 'argocd' },
    spec: {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      roles: [{ name: 'viewer', policies: ['p, proj:other:viewer, applications, get, other/*, allow'] }],
    },
  });
  await f.home.apply({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'web', namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: bed.git.cloneUrl('web', false), path: '.', targetRevision: 'HEAD' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
      syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
    },
  });
  readonly = (await createToken(f.home, 'argocd', { role: 'readonly', name: 'bob' })).token;
  outsider = (await createToken(f.home, 'argocd', { role: 'proj:other:viewer', name: 'eve' })).token;
  await waitForApp(f.home, 'web', syncedAndHealthy);
  const pods = await eventually(
    () => f.home.list('v1', 'Pod', { namespace: 'web' }),
    (list) => list.some((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running'),
  );
  podName = pods[0]!.metadata.name!;
}, 180_000);
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

const logsPath = (query: string): string => `/api/v1/applications/web/logs?${query}`;

async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    return { ...(await ferry(args, env)), code: 0 };
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    return { stdout: err.stdout, stderr: err.stderr, code: err.exitCode ?? -1 };
  }
}

describe('pod logs', () => {
  it("serves a pod's real log lines to a readonly token, through the API and the CLI", async () => {
    const line = `request served ${randomBytes(4).toString('hex')}`;
    appendFileSync(podLogFile(bed.clusters.dev!.dir), `${new Date().toISOString()} stdout F ${line}\n`);

    const answer = await call(base, logsPath(`pod=${podName}&container=sidecar&tailLines=5`), {
      token: readonly,
    });
    expect(answer.status).toBe(200);
    const items = answer.body.items as unknown as PodLog[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ namespace: 'web', pod: podName, container: 'sidecar' });
    expect(items[0]!.lines.at(-1)).toBe(line);
    const tail = await call(base, logsPath(`pod=${podName}&tailLines=1`), { token: readonly });
    expect(tail.body.items[0]).toMatchObject({ container: 'server', lines: [line] });

    const kube = await cli(['app', 'logs', 'web', '--tail', '1'], {
      KUBECONFIG: bed.clusters.dev!.kubeconfig,
    });
    expect(kube).toMatchObject({ code: 0, stdout: `${line}\n` });
    const remote = await cli(['app', 'logs', 'web', '--pod', podName, '-c', 'sidecar', '--tail', '2'], {
      FERRY_SERVER: base,
      FERRY_TOKEN: readonly,
    });
    expect(remote.code).toBe(0);
    expect(remote.stdout.trim().split('\n').at(-1)).toBe(line);
  });

  it('refuses a pod outside the app, an unknown container, and a token without get on the app', async () => {
    await f.home.apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', namespace: 'web' },
      spec: { containers: [{ name: 'main', image: 'example.invalid/stray:1' }] },
    });
    const stray = await call(base, logsPath('pod=stray'), { token: readonly });
    expect(stray.status).toBe(404);
    expect(stray.body.error).toBe('pod "stray" is not part of application "web"');
    const container = await call(base, logsPath(`pod=${podName}&container=nope`), { token: readonly });
    expect(container.status).toBe(404);
    expect(container.body.error).toBe(`pod "${podName}" has no container "nope" (it has: server, sidecar)`);
    const bad = await call(base, logsPath(`pod=${podName}&tailLines=-3`), { token: readonly });
    expect(bad.status).toBe(400);

    const denied = await call(base, logsPath(`pod=${podName}`), { token: outsider });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatch(/permission denied: applications, get, default\/web for eve/);

    const cliStray = await cli(['app', 'logs', 'web', '--pod', 'stray'], {
      KUBECONFIG: bed.clusters.dev!.kubeconfig,
    });
    expect(cliStray.code).toBe(1);
    expect(cliStray.stderr).toContain('pod "stray" is not part of application "web"');
    const cliDenied = await cli(['app', 'logs', 'web', '--server', base, '--token', outsider]);
    expect(cliDenied.code).toBe(1);
    expect(cliDenied.stderr).toMatch(/not allowed \(403\)/);
  });

  it("shows a pod's logs on the dashboard's resource tree", async () => {
    if (!existsSync(join(projectRoot(), 'web', 'dist', 'index.html')))
      throw new Error('the dashboard is not built: run npm run build:web');
    const line = `dashboard line ${randomBytes(4).toString('hex')}`;
    appendFileSync(podLogFile(bed.clusters.dev!.dir), `${new Date().toISOString()} stdout F ${line}\n`);
    const artifacts = join(projectRoot(), 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ferry-chromium-')), {
      executablePath: '/usr/bin/chromium',
      viewport: { width: 1280, height: 860 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(base);
      await page.getByLabel('API token').fill(readonly);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'web', exact: true }).click();
      await page.getByRole('treeitem').first().waitFor();
      await page.getByRole('button', { name: 'Logs' }).first().click();
      const logs = page.getByLabel(`Logs of ${podName}`);
      await expect.poll(() => logs.textContent()).toContain(line);
      await page.screenshot({ path: join(artifacts, 'dashboard-pod-logs.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
