/**
 * The built CLI against a real controller's HTTP API (`--server`/`--token`, and
 * FERRY_SERVER/FERRY_TOKEN), AppProject roles on tokens (a deployer may sync its own
 * project's apps and gets 403 elsewhere), and terminating a sync stuck waiting on a
 * Deployment that never becomes healthy (the bed has no nodes, so its Pods never run).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { createToken } from '../../src/server/api/tokens.js';
import { CommandError, type RunResult } from '../../src/util/exec.js';
import {
  eventsFor,
  getApp,
  gitRepoSecret,
  startFerryOn,
  waitForApp,
  type FerryUnderTest,
} from '../support/ferry.js';
import { ferry } from '../support/cli.js';
import { eventually } from '../support/kube.js';
import { call, configureWidgets, pushWidgets, widgetsApp } from './support.js';

let bed: Testbed;
let f: FerryUnderTest;
let base: string;
let admin: string;
let readonly: string;
let firstCommit: string;

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'], nodes: false });
  firstCommit = await pushWidgets(bed, 'ok');
  f = await startFerryOn(bed, 'dev', { listen: '127.0.0.1:0' });
  base = f.ferry.server!.url;
  await configureWidgets(bed, f);
  admin = (await createToken(f.home, 'argocd', { role: 'admin', name: 'alice' })).token;
  readonly = (await createToken(f.home, 'argocd', { role: 'readonly', name: 'bob' })).token;
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

/** Runs the CLI; a non-zero exit is returned (code and output), not thrown. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult & { code: number }> {
  try {
    return { ...(await ferry(args, env)), code: 0 };
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    return { stdout: err.stdout, stderr: err.stderr, code: err.exitCode ?? -1 };
  }
}

/** A port nothing listens on (just freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const remote = (token: string): string[] => ['--server', base, '--token', token];

const project = (name: string, roles: unknown[] = []) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name, namespace: 'argocd' },
  spec: {
    sourceRepos: ['*'],
    destinations: [{ server: '*', namespace: '*' }],
    clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    roles,
  },
});

function appIn(projectName: string, name: string) {
  const app = widgetsApp(bed, name);
  return { ...app, spec: { ...app.spec, project: projectName } };
}

describe('the CLI against a server', () => {
  it('lists, syncs (following progress), shows history and waits, through the API', async () => {
    await f.home.apply(widgetsApp(bed, 'gadgets'));
    await waitForApp(f.home, 'gadgets', (a) => a.status?.sync?.status === 'OutOfSync');
    const list = await cli(['app', 'list', ...remote(readonly)]);
    expect(list.stdout).toMatch(/^NAME\s+CLUSTER\s+NAMESPACE\s+PROJECT\s+STATUS\s+HEALTH/);
    expect(list.stdout).toMatch(
      /gadgets\s+https:\/\/kubernetes\.default\.svc\s+gadgets\s+default\s+OutOfSync/,
    );

    const sync = await cli(['app', 'sync', 'gadgets', '--prune'], { FERRY_SERVER: base, FERRY_TOKEN: admin });
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/Sync Status:\s+Synced/);
    expect(sync.stderr).toContain('gadgets: Succeeded');
    const events = await eventsFor(f.home, 'argocd', 'gadgets');
    expect(events.find((e) => e.reason === 'SyncRequested')?.message).toMatch(/by alice .*via the API/);

    const wait = await cli(['app', 'wait', 'gadgets', '--timeout', '60s', ...remote(readonly)]);
    expect(wait.stderr).toContain('gadgets is Synced and Healthy');
    const history = await cli(['app', 'history', 'gadgets', ...remote(readonly)]);
    expect(history.stdout).toMatch(/^ID\s+DATE\s+REVISION\s+INITIATED BY\n0\s+\S+\s+[0-9a-f]{40}\s+alice/);
    const get = await cli(['app', 'get', 'gadgets', '-o', 'json', ...remote(readonly)]);
    expect(JSON.parse(get.stdout)).toMatchObject({
      metadata: { name: 'gadgets' },
      status: { sync: { status: 'Synced' } },
    });
  });

  it('shows the diff (exit 1) after a hard refresh, and rolls back', async () => {
    await pushWidgets(bed, 'broken');
    const refresh = await cli(['app', 'refresh', 'gadgets', '--hard', ...remote(admin)]);
    expect(refresh.stdout).toBe('refresh of gadgets requested\n');
    await waitForApp(f.home, 'gadgets', (a) => a.status?.sync?.status === 'OutOfSync');
    const diff = await cli(['app', 'diff', 'gadgets', ...remote(readonly)]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('===== /ConfigMap gadgets/widget ======');
    expect(diff.stdout).toContain('+  state: broken');

    expect((await cli(['app', 'sync', 'gadgets', ...remote(admin)])).code).toBe(0);
    await waitForApp(f.home, 'gadgets', (a) => a.status?.health?.status === 'Degraded');
    const rollback = await cli(['app', 'rollback', 'gadgets', ...remote(admin)]);
    expect(rollback.code).toBe(0);
    expect(rollback.stdout).toContain(`Sync Revision:      ${firstCommit}`);
    await waitForApp(f.home, 'gadgets', (a) => a.status?.health?.status === 'Healthy');
    const bad = await cli(['app', 'rollback', 'gadgets', '99', ...remote(admin)]);
    expect(bad.stderr).toMatch(/not found \(404\): gadgets has no history entry 99/);
  });

  it('says clearly what is wrong: no token, a refused token, readonly, unknown app, no server', async () => {
    const noToken = await cli(['app', 'list', '--server', base]);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/a token is needed for http.*pass --token or set FERRY_TOKEN/);
    const refused = await cli(['app', 'list', ...remote('ferry_00000000_nope')]);
    expect(refused.stderr).toMatch(/the server refused the token \(401\): the token is not valid/);
    const readonlySync = await cli(['app', 'sync', 'gadgets', ...remote(readonly)]);
    expect(readonlySync.code).toBe(1);
    expect(readonlySync.stderr).toMatch(/not allowed \(403\): bob has the readonly role/);
    const unknown = await cli(['app', 'get', 'nope', ...remote(readonly)]);
    expect(unknown.stderr).toMatch(/not found \(404\): application "nope" not found/);
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const down = await cli(['app', 'list', '--server', closed, '--token', admin]);
    expect(down.stderr).toBe(`error: cannot reach the Ferry server at ${closed}: ECONNREFUSED\n`);
  });
});

describe('AppProject roles on tokens', () => {
  let deployer: string;

  beforeAll(async () => {
    await f.home.apply(
      project('shop', [
        {
          name: 'deployer',
          description: 'CI may look at and sync the shop',
          policies: [
            'p, proj:shop:deployer, applications, get, shop/*, allow',
            'p, proj:shop:deployer, applications, sync, shop/*, allow',
            'p, proj:shop:deployer, applications, sync, shop/till, deny',
          ],
        },
      ]),
    );
    await f.home.apply(project('bank'));
    for (const [proj, name] of [
      ['shop', 'cart'],
      ['shop', 'till'],
      ['bank', 'ledger'],
    ] as const)
      await f.home.apply(appIn(proj, name));
    const made = await cli(['token', 'create', 'ci', '--role', 'proj:shop:deployer'], {
      KUBECONFIG: bed.clusters.dev!.kubeconfig,
    });
    deployer = made.stdout.trim();
    expect(made.stderr).toMatch(/token [0-9a-f]{8} \(proj:shop:deployer\) created/);
  });

  it('refuses a token for a role the project does not have', async () => {
    const made = await cli(['token', 'create', 'x', '--role', 'proj:shop:admin'], {
      KUBECONFIG: bed.clusters.dev!.kubeconfig,
    });
    expect(made.code).toBe(1);
    expect(made.stderr).toMatch(/AppProject "shop" has no role "admin" \(roles: deployer\)/);
  });

  it("lets a deployer see and sync its project's apps, and nothing else", async () => {
    const list = await call(base, '/api/v1/applications', { token: deployer });
    expect(list.body.items.map((a) => a.name)).toEqual(['cart', 'till']);
    const sync = await cli(['app', 'sync', 'cart', '--async', ...remote(deployer)]);
    expect(sync.code).toBe(0);
    await waitForApp(f.home, 'cart', (a) => a.status?.operationState?.phase === 'Succeeded' && !a.operation);
    const events = await eventsFor(f.home, 'argocd', 'cart');
    expect(events.find((e) => e.reason === 'SyncRequested')?.message).toMatch(
      /by ci .*role proj:shop:deployer/,
    );

    const other = await call(base, '/api/v1/applications/ledger/sync', {
      token: deployer,
      method: 'POST',
      body: {},
    });
    expect(other.status).toBe(403);
    expect(other.body.error).toBe(
      'permission denied: applications, sync, bank/ledger for ci (role proj:shop:deployer) (no policy of the role allows it)',
    );
    const read = await cli(['app', 'get', 'ledger', ...remote(deployer)]);
    expect(read.stderr).toMatch(/not allowed \(403\): permission denied: applications, get, bank\/ledger/);
    const del = await call(base, '/api/v1/applications/cart', { token: deployer, method: 'DELETE' });
    expect(del.status).toBe(403);
    expect(del.body.error).toMatch(/applications, delete, shop\/cart/);
    const denied = await call(base, '/api/v1/applications/till/sync', {
      token: deployer,
      method: 'POST',
      body: {},
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatch(
      /denied by "p, proj:shop:deployer, applications, sync, shop\/till, deny"/,
    );
    const kinds = await call(base, '/api/v1/kinds/helmreleases', { token: deployer });
    expect(kinds.status).toBe(403);
    for (const name of ['ledger', 'till']) expect((await getApp(f.home, name)).operation).toBeUndefined();
    expect((await getApp(f.home, 'cart')).metadata.deletionTimestamp).toBeUndefined();
  });

  it('applies a change of the role to the next request', async () => {
    await f.home.apply(project('shop'));
    const list = await call(base, '/api/v1/applications/cart', { token: deployer });
    expect(list.status).toBe(403);
    expect(list.body.error).toMatch(/AppProject "shop" has no role "deployer"/);
  });
});

describe('terminating a running sync', () => {
  it('stops a sync waiting on a Deployment that never becomes healthy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-stuck-'));
    writeFileSync(
      join(dir, 'deploy.yaml'),
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx:1.27 }]
`,
    );
    writeFileSync(
      join(dir, 'after.yaml'),
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: after-web
  annotations: { argocd.argoproj.io/sync-wave: "1" }
data: { x: "1" }
`,
    );
    await bed.git.pushFolder('stuck', dir);
    await f.home.apply(gitRepoSecret(bed, 'stuck'));
    await f.home.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'stuck', namespace: 'argocd' },
      spec: {
        project: 'default',
        source: { repoURL: bed.git.cloneUrl('stuck', false), path: '.', targetRevision: 'HEAD' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'stuck' },
        syncPolicy: { syncOptions: ['CreateNamespace=true'] },
      },
    });
    await waitForApp(f.home, 'stuck', (a) => a.status?.sync?.status === 'OutOfSync');
    const none = await cli(['app', 'terminate-op', 'stuck', ...remote(admin)]);
    expect(none.stderr).toMatch(/the server answered 409 .*no operation is in progress/);

    expect((await cli(['app', 'sync', 'stuck', '--async', ...remote(admin)])).code).toBe(0);
    // The Deployment is applied, then the sync waits for it before wave 1.
    await eventually(
      () => f.home.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'stuck', name: 'web' }),
      (d) => d !== undefined,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect((await getApp(f.home, 'stuck')).operation).toBeDefined();

    const terminated = await cli(['app', 'terminate-op', 'stuck', ...remote(admin)]);
    expect(terminated.code).toBe(0);
    expect(terminated.stderr).toMatch(/stuck: operation Failed: Operation terminated/);
    const app = await getApp(f.home, 'stuck');
    expect(app.operation).toBeUndefined();
    expect(app.status?.operationState).toMatchObject({ phase: 'Failed', message: 'Operation terminated' });
    expect(
      await f.home.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'stuck', name: 'after-web' }),
    ).toBeUndefined();
    const events = await eventsFor(f.home, 'argocd', 'stuck');
    expect(events.find((e) => e.reason === 'TerminateRequested')?.message).toMatch(/by alice/);
  });
});
