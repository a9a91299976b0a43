/**
 * The HTTP API against the real test bed: tokens (401/403), bad input (4xx with a
 * message), sync/refresh/diff/rollback/delete through the controller, audit Events,
 * live updates over SSE within a second, and /metrics following an app into Degraded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { createToken } from '../../src/server/api/tokens.js';
import { parseExposition } from '../../src/server/metrics/exposition.js';
import {
  appRef,
  eventsFor,
  getApp,
  startFerryOn,
  waitForApp,
  type FerryUnderTest,
} from '../support/ferry.js';
import { eventually } from '../support/kube.js';
import { call, configureWidgets, openStream, pushWidgets, scrape, widgetsApp } from './support.js';

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

const appInfo = async (name: string) => {
  const text = await scrape(base);
  return parseExposition(text).find((s) => s.name === 'argocd_app_info' && s.labels.name === name)?.labels;
};

describe('authentication', () => {
  it('refuses requests without a token or with an unknown one', async () => {
    const none = await call(base, '/api/v1/applications');
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/Authorization: Bearer/);
    const stream = await fetch(`${base}/api/v1/stream`);
    expect(stream.status).toBe(401);
    await stream.body?.cancel();
    const unknown = await call(base, '/api/v1/applications', { token: 'ferry_00000000_nope' });
    expect(unknown.status).toBe(401);
    expect((await call(base, '/api/v1/whoami', { token: readonly })).body).toMatchObject({
      name: 'bob',
      role: 'readonly',
    });
  });

  it('stores only hashes of tokens', async () => {
    const secret = await f.home.get({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'argocd',
      name: 'ferry-api-tokens',
    });
    const stored = Object.values(secret!.data as Record<string, string>).map((v) =>
      Buffer.from(v, 'base64').toString(),
    );
    expect(stored.join('\n')).not.toContain(admin);
    expect(stored.some((s) => JSON.parse(s).role === 'admin')).toBe(true);
  });

  it('serves the OpenAPI document', async () => {
    const doc = await call(base, '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/applications/{name}/sync');
  });
});

describe('bad input', () => {
  it('answers 4xx with a clear JSON message', async () => {
    const cases: Array<[string, { method?: string; rawBody?: string; body?: unknown }, number, RegExp]> = [
      ['/api/v1/applications?colour=red', {}, 400, /unknown query parameter "colour"/],
      ['/api/v1/applications/Bad_Name', {}, 400, /not a valid name/],
      ['/api/v1/applications/nope', {}, 404, /application "nope" not found/],
      ['/api/v1/applications/nope/sync', { method: 'POST', rawBody: '{nope' }, 400, /not valid JSON/],
      [
        '/api/v1/applications/nope/sync',
        { method: 'POST', body: { resources: 'all' } },
        400,
        /"resources" must be an array/,
      ],
      [
        '/api/v1/applications/nope/sync',
        { method: 'POST', body: { prune: 'yes' } },
        400,
        /"prune" must be true or false/,
      ],
      [
        '/api/v1/applications/nope/rollback',
        { method: 'POST', body: { id: 'x' } },
        400,
        /"id" must be an integer/,
      ],
      ['/api/v1/applications/nope/sync', { method: 'GET' }, 405, /GET is not allowed/],
      ['/api/v1/kinds/widgets', {}, 404, /unknown kind "widgets"/],
      ['/api/v1/nothing', {}, 404, /no API route/],
    ];
    for (const [path, options, status, message] of cases) {
      const answer = await call(base, path, { token: admin, ...options });
      expect({ path, status: answer.status }).toEqual({ path, status });
      expect(answer.body.error).toMatch(message);
    }
  });

  it('lists kinds whose CRDs are missing as empty', async () => {
    const k = await call(base, '/api/v1/kinds/kustomizations', { token: readonly });
    expect(k.status).toBe(200);
    expect(k.body).toMatchObject({ kind: 'Kustomization', items: [] });
  });
});

describe('an Application through the API', () => {
  it('lists it with filters; readonly may read but not sync', async () => {
    await f.home.apply(widgetsApp(bed, 'widgets'));
    await waitForApp(f.home, 'widgets', (a) => a.status?.sync?.status === 'OutOfSync');
    const list = await call(base, '/api/v1/applications?label=team=widgets', { token: readonly });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { name: string }) => a.name)).toEqual(['widgets']);
    expect(list.body.items[0]).toMatchObject({
      sync: 'OutOfSync',
      project: 'default',
      destNamespace: 'widgets',
    });
    expect((await call(base, '/api/v1/applications?sync=Synced', { token: readonly })).body.items).toEqual(
      [],
    );
    const denied = await call(base, '/api/v1/applications/widgets/sync', {
      token: readonly,
      method: 'POST',
      body: {},
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatch(/readonly role/);
    expect((await getApp(f.home, 'widgets')).operation).toBeUndefined();
  });

  it('syncs on request, pushes the change over SSE and leaves an audit Event', async () => {
    const stream = await openStream(`${base}/api/v1/stream?token=${encodeURIComponent(readonly)}`);
    try {
      await stream.next((m) => m.type === 'snapshot');
      const answer = await call(base, '/api/v1/applications/widgets/sync', {
        token: admin,
        method: 'POST',
        body: { prune: true },
      });
      expect(answer.status).toBe(202);
      expect(answer.body.operation).toEqual({
        sync: { prune: true, dryRun: false },
        initiatedBy: { username: 'alice' },
      });
      const update = await stream.next(
        (m) =>
          m.type === 'upsert' &&
          m.app.name === 'widgets' &&
          m.app.sync === 'Synced' &&
          m.app.health === 'Healthy',
        60_000,
      );
      expect(update.type === 'upsert' && update.app.revision).toBe(firstCommit);
    } finally {
      stream.close();
    }
    const events = await eventsFor(f.home, 'argocd', 'widgets');
    expect(events.find((e) => e.reason === 'SyncRequested')?.message).toMatch(
      /^sync \(prune\) by alice \(token [0-9a-f]{8}, role admin\)/,
    );
    const history = await call(base, '/api/v1/applications/widgets/history', { token: readonly });
    expect(history.body.history).toHaveLength(1);
    const tree = await call(base, '/api/v1/applications/widgets/tree', { token: readonly });
    expect(tree.body.nodes).toMatchObject([
      { kind: 'ConfigMap', name: 'widget', sync: 'Synced', health: { status: 'Healthy' } },
    ]);
  });

  it('delivers a status change to an open stream within a second', async () => {
    const stream = await openStream(`${base}/api/v1/stream?token=${encodeURIComponent(readonly)}`);
    try {
      await stream.next((m) => m.type === 'snapshot');
      const started = Date.now();
      await f.home.mergePatch(appRef('widgets'), { metadata: { labels: { tier: 'gold' } } });
      await stream.next((m) => m.type === 'upsert' && m.app.labels.tier === 'gold', 1000);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      stream.close();
    }
  });

  it('shows the diff after a hard refresh, and /metrics follows the app into Degraded', async () => {
    expect(await appInfo('widgets')).toMatchObject({
      sync_status: 'Synced',
      health_status: 'Healthy',
      project: 'default',
      dest_namespace: 'widgets',
    });
    await pushWidgets(bed, 'broken');
    const refresh = await call(base, '/api/v1/applications/widgets/refresh', {
      token: admin,
      method: 'POST',
      body: { hard: true },
    });
    expect(refresh.status).toBe(202);
    await waitForApp(f.home, 'widgets', (a) => a.status?.sync?.status === 'OutOfSync');
    const diff = await call(base, '/api/v1/applications/widgets/diff', { token: readonly });
    expect(diff.body.resources).toHaveLength(1);
    expect(diff.body.resources[0]!.resource).toBe('/ConfigMap widgets/widget');
    expect(diff.body.resources[0]!.diff).toContain('+  state: broken');
    await call(base, '/api/v1/applications/widgets/sync', { token: admin, method: 'POST', body: {} });
    await waitForApp(f.home, 'widgets', (a) => a.status?.health?.status === 'Degraded' && !a.operation);
    const info = await eventually(
      () => appInfo('widgets'),
      (l) => l?.health_status === 'Degraded',
    );
    expect(info).toMatchObject({ sync_status: 'Synced', health_status: 'Degraded' });
    const samples = parseExposition(await scrape(base));
    const value = (name: string, labels: Record<string, string> = {}) =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        ?.value;
    expect(value('ferry_syncs_total', { name: 'widgets', result: 'succeeded' })).toBe(2);
    expect(value('ferry_reconcile_duration_seconds_count')).toBeGreaterThan(0);
    expect(value('ferry_render_cache_misses_total')).toBeGreaterThan(0);
    expect(samples.some((s) => s.name === 'ferry_kube_requests_total' && s.labels.method === 'PATCH')).toBe(
      true,
    );
  });

  it('rolls back to the previous deployment', async () => {
    const answer = await call(base, '/api/v1/applications/widgets/rollback', {
      token: admin,
      method: 'POST',
      body: {},
    });
    expect(answer.status).toBe(202);
    expect(answer.body.operation.sync?.revision).toBe(firstCommit);
    const app = await waitForApp(
      f.home,
      'widgets',
      (a) => a.status?.health?.status === 'Healthy' && !a.operation,
    );
    expect(app.status?.operationState?.syncResult?.revision).toBe(firstCommit);
    await eventually(
      () => appInfo('widgets'),
      (l) => l?.health_status === 'Healthy',
    );
    const samples = parseExposition(await scrape(base));
    expect(
      samples.find((s) => s.name === 'ferry_rollbacks_total' && s.labels.name === 'widgets')?.value,
    ).toBe(1);
  });

  it('refuses a rollback while automated sync is on, and deletes', async () => {
    await f.home.apply(widgetsApp(bed, 'auto-widgets', true));
    const refused = await call(base, '/api/v1/applications/auto-widgets/rollback', {
      token: admin,
      method: 'POST',
      body: {},
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/auto-sync is enabled/);
    const deleted = await call(base, '/api/v1/applications/auto-widgets?cascade=false', {
      token: admin,
      method: 'DELETE',
    });
    expect(deleted.status).toBe(202);
    await eventually(
      () => f.home.get(appRef('auto-widgets')),
      (a) => a === undefined,
    );
  });
});
