/**
 * The dashboard end to end in Debian's chromium (playwright-core, no browser download):
 * sign in with a token, see apps with the right badges, open a diff, click Sync and
 * watch the status change live, roll back through the confirm dialog; open the seed's
 * HelmRelease (its chart without the Deployment, since this bed has no nodes), see its
 * Helm history, suspend and resume it, and follow its Ready condition in Flux's metrics.
 * Screenshots go to test-artifacts/ (git-ignored).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { createToken } from '../../src/server/api/tokens.js';
import { projectRoot } from '../../src/util/paths.js';
import { ferry } from '../support/cli.js';
import { parseExposition } from '../../src/server/metrics/exposition.js';
import {
  chartVariant,
  eventsFor,
  seedYaml,
  startFerryOn,
  waitForApp,
  type FerryUnderTest,
} from '../support/ferry.js';
import {
  bedHelmRepository,
  configMap,
  ensureNamespace,
  getHr,
  registrySecret,
  waitForHr,
} from '../flux/support.js';
import { call, configureWidgets, pushWidgets, scrape, widgetsApp } from './support.js';

const artifacts = join(projectRoot(), 'test-artifacts');
let bed: Testbed;
let f: FerryUnderTest;
let browser: BrowserContext;
let page: Page;
let admin: string;
let readyUnknownAtStart: number | undefined;

beforeAll(async () => {
  if (!existsSync(join(projectRoot(), 'web', 'dist', 'index.html')))
    throw new Error('the dashboard is not built: run npm run build:web');
  mkdirSync(artifacts, { recursive: true });
  bed = await startTestbed({ clusters: ['dev'], nodes: false });
  await pushWidgets(bed, 'ok');
  f = await startFerryOn(bed, 'dev', { listen: '127.0.0.1:0' });
  await configureWidgets(bed, f);
  admin = (await createToken(f.home, 'argocd', { role: 'admin', name: 'e2e' })).token;
  await f.home.apply(widgetsApp(bed, 'widgets'));
  await f.home.apply(widgetsApp(bed, 'auto-widgets', true));
  await waitForApp(f.home, 'auto-widgets', (a) => a.status?.health?.status === 'Healthy');
  await waitForApp(f.home, 'widgets', (a) => a.status?.sync?.status === 'OutOfSync');
  await startSeedHelmRelease();
  // A fresh profile each run (playwright's form of --user-data-dir).
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ferry-chromium-')), {
    executablePath: '/usr/bin/chromium',
    viewport: { width: 1280, height: 860 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
});
afterAll(async () => {
  await browser?.close();
  await f?.stop();
  await bed?.stop();
});

/** The seed's OCI HelmRepository and HelmRelease, its chart published without the Deployment. */
async function startSeedHelmRelease(): Promise<void> {
  await bed.publishChart(chartVariant({ version: '1.2.0', removeTemplates: ['deployment.yaml'] }), {
    version: '1.2.0',
  });
  await ensureNamespace(f.home, 'flux-system');
  await ensureNamespace(f.home, 'my-app');
  await f.home.apply(registrySecret(bed, 'flux-system'));
  await f.home.apply(configMap('my-app', 'my-app-env-values', { env: { LOG_LEVEL: 'info' } }));
  await f.home.apply(bedHelmRepository(seedYaml('Flux HelmRepository (OCI)'), bed));
  await f.home.apply(seedYaml('Flux HelmRelease'));
  // Scraped at once: installing takes seconds, so Ready is not known yet.
  readyUnknownAtStart = await readySeries('Unknown');
}

/** The value of `gotk_reconcile_condition` for my-app's Ready condition with this status. */
async function readySeries(status: string): Promise<number | undefined> {
  return parseExposition(await scrape(f.ferry.server!.url)).find(
    (s) =>
      s.name === 'gotk_reconcile_condition' &&
      s.labels.kind === 'HelmRelease' &&
      s.labels.name === 'my-app' &&
      s.labels.namespace === 'my-app' &&
      s.labels.type === 'Ready' &&
      s.labels.status === status,
  )?.value;
}

const badge = (row: string, column: 'health' | 'sync') =>
  page.locator(`[data-app="${row}"] .${column} .badge`);

describe('the dashboard', () => {
  it('asks for a token, then lists the apps with their badges', async () => {
    await page.goto(f.ferry.server!.url);
    await page.getByLabel('API token').fill('ferry_00000000_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('API token').fill(admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-app="widgets"]').waitFor();
    await expect.poll(() => badge('auto-widgets', 'health').getAttribute('data-status')).toBe('Healthy');
    expect(await badge('auto-widgets', 'sync').getAttribute('data-status')).toBe('Synced');
    expect(await badge('widgets', 'sync').getAttribute('data-status')).toBe('OutOfSync');
    expect(await badge('widgets', 'health').getAttribute('data-status')).toBe('Missing');
    expect(await page.getByTestId('total').textContent()).toBe('2');
    await page.screenshot({ path: join(artifacts, 'dashboard-list.png') });
  });

  it('opens an app and its diff', async () => {
    await page.getByRole('link', { name: 'widgets', exact: true }).click();
    await page.getByRole('heading', { name: 'widgets' }).waitFor();
    await page.getByRole('treeitem').first().waitFor();
    await page.getByRole('tab', { name: 'Diff' }).click();
    const diff = page.getByRole('region', { name: 'Diff of /ConfigMap widgets/widget' });
    await diff.waitFor();
    expect(await diff.textContent()).toContain('state: ok');
    await page.screenshot({ path: join(artifacts, 'dashboard-diff.png'), fullPage: true });
  });

  it('syncs on a click and shows the new status live', async () => {
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    await expect
      .poll(() => page.locator('.app-head .sync .badge').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('Synced');
    await expect
      .poll(() => page.locator('.app-head .health .badge').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('Healthy');
    await page.getByRole('tab', { name: 'Diff' }).click();
    await page.getByText('The cluster matches the source.', { exact: true }).waitFor();
    await page.screenshot({ path: join(artifacts, 'dashboard-synced.png'), fullPage: true });
  });

  it('rolls back through the confirm dialog', async () => {
    await pushWidgets(bed, 'broken');
    const base = f.ferry.server!.url;
    await call(base, '/api/v1/applications/widgets/refresh', {
      token: admin,
      method: 'POST',
      body: { hard: true },
    });
    await waitForApp(f.home, 'widgets', (a) => a.status?.sync?.status === 'OutOfSync');
    await call(base, '/api/v1/applications/widgets/sync', { token: admin, method: 'POST', body: {} });
    await expect
      .poll(() => page.locator('.app-head .health .badge').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('Degraded');
    await page.getByText('widget is broken').first().waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Rollback to 0' }).click();
    await page.getByRole('dialog').waitFor();
    await page.screenshot({ path: join(artifacts, 'dashboard-rollback-dialog.png') });
    await page.getByRole('button', { name: 'Roll back', exact: true }).click();
    await expect
      .poll(() => page.locator('.app-head .health .badge').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('Healthy');
    await page.screenshot({ path: join(artifacts, 'dashboard-rolled-back.png'), fullPage: true });
  });
});

describe('a HelmRelease in the dashboard', () => {
  it('serves it through the API with its Helm history, without inline values', async () => {
    await waitForHr(f.home, 'my-app/my-app', (hr) =>
      Boolean(hr.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')),
    );
    const got = await call(f.ferry.server!.url, '/api/v1/kinds/helmreleases/my-app/my-app', { token: admin });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      summary: { kind: 'HelmRelease', name: 'my-app', ready: 'True', suspended: false },
      helm: { failures: 0, installFailures: 0, upgradeFailures: 0 },
    });
    const helm = got.body.helm as { history: Array<Record<string, unknown>> };
    expect(helm.history[0]).toMatchObject({ version: 1, status: 'deployed', chartVersion: '1.2.0' });
    expect((got.body.object as { spec: Record<string, unknown> }).spec.values).toBeUndefined();
    // gotk_reconcile_condition followed Ready from Unknown to True.
    expect(readyUnknownAtStart).toBe(1);
    expect(await readySeries('True')).toBe(1);
    expect(await readySeries('Unknown')).toBe(0);
    const samples = parseExposition(await scrape(f.ferry.server!.url));
    expect(
      samples.find(
        (s) =>
          s.name === 'gotk_reconcile_duration_seconds_count' &&
          s.labels.kind === 'HelmRelease' &&
          s.labels.name === 'my-app',
      )?.value,
    ).toBeGreaterThan(0);
  });

  it('shows the Helm history, and suspends and resumes on a click', async () => {
    await page.getByRole('link', { name: 'Flux' }).click();
    const row = page.locator('[data-flux="my-app/my-app"]');
    await row.waitFor();
    expect(await row.locator('.badge').getAttribute('data-status')).toBe('Ready');
    await row.getByRole('link', { name: 'my-app' }).click();
    await page.getByRole('heading', { name: 'my-app' }).waitFor();
    const history = page.getByRole('table', { name: 'Helm history' });
    await history.getByRole('cell', { name: 'my-app 1.2.0' }).waitFor();
    expect(await history.locator('tbody tr').first().textContent()).toContain('deployed');
    expect(await page.getByTestId('counters').textContent()).toContain('install failures: 0');
    await page.screenshot({ path: join(artifacts, 'dashboard-helmrelease.png'), fullPage: true });

    await page.getByRole('button', { name: 'Suspend' }).click();
    await page.locator('.app-head .suspended .badge').waitFor();
    expect((await getHr(f.home, 'my-app', 'my-app')).spec.suspend).toBe(true);
    const events = await eventsFor(f.home, 'my-app', 'my-app');
    expect(events.find((e) => e.reason === 'SuspendRequested')?.message).toMatch(/^suspend by e2e/);
    await page.screenshot({ path: join(artifacts, 'dashboard-helmrelease-suspended.png') });

    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Suspend' }).waitFor();
    const resumed = await getHr(f.home, 'my-app', 'my-app');
    expect(resumed.spec.suspend).toBe(false);
    expect(resumed.metadata.annotations?.['reconcile.fluxcd.io/requestedAt']).toBeDefined();
  });

  it('reconciles on request, and reports suspension in gotk_suspend_status', async () => {
    const base = f.ferry.server!.url;
    const suspended = async (): Promise<number | undefined> =>
      parseExposition(await scrape(base)).find(
        (s) =>
          s.name === 'gotk_suspend_status' && s.labels.kind === 'HelmRelease' && s.labels.name === 'my-app',
      )?.value;
    expect(await suspended()).toBe(0);
    const path = '/api/v1/kinds/helmreleases/my-app/my-app';
    expect((await call(base, `${path}/suspend`, { token: admin, method: 'POST' })).status).toBe(202);
    expect(await suspended()).toBe(1);
    const refused = await call(base, `${path}/reconcile`, { token: admin, method: 'POST' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/is suspended: resume it to reconcile/);
    await call(base, `${path}/resume`, { token: admin, method: 'POST' });
    await waitForHr(f.home, 'my-app/my-app', (hr) => hr.status?.lastHandledReconcileAt !== undefined);
    const answer = await call(base, `${path}/reconcile`, { token: admin, method: 'POST' });
    expect(answer.status).toBe(202);
    const requested = (await getHr(f.home, 'my-app', 'my-app')).metadata.annotations?.[
      'reconcile.fluxcd.io/requestedAt'
    ];
    await waitForHr(f.home, 'my-app/my-app', (hr) => hr.status?.lastHandledReconcileAt === requested);
    const readonly = (await createToken(f.home, 'argocd', { role: 'readonly', name: 'viewer' })).token;
    const denied = await call(base, `${path}/suspend`, { token: readonly, method: 'POST' });
    expect(denied.status).toBe(403);
  });
});

describe('ferry hr against the server', () => {
  it('shows the history, suspends and resumes (waiting for the controller) through the API; readonly may not', async () => {
    const server = ['-n', 'my-app', '--server', f.ferry.server!.url];
    const history = await ferry(['hr', 'history', 'my-app', ...server, '--token', admin]);
    expect(history.stdout).toMatch(
      /^REVISION\s+STATUS\s+CHART\s+APP VERSION\s+DEPLOYED\s+VALUES\n1\s+deployed\s+my-app-1\.2\.0/,
    );
    const suspend = await ferry(['hr', 'suspend', 'my-app', ...server], { FERRY_TOKEN: admin });
    expect(suspend.stdout).toBe('✔ HelmRelease my-app/my-app suspended\n');
    const suspendedHr = await getHr(f.home, 'my-app', 'my-app');
    expect(suspendedHr.spec.suspend).toBe(true);
    // An earlier request was handled: the CLI must wait for this resume's own request.
    expect(suspendedHr.status?.lastHandledReconcileAt).toBeDefined();
    const resume = await ferry(['hr', 'resume', 'my-app', ...server, '--timeout', '60s'], {
      FERRY_TOKEN: admin,
    });
    expect(resume.stdout).toBe('✔ HelmRelease my-app/my-app resumed at 1.2.0\n');
    const resumed = await getHr(f.home, 'my-app', 'my-app');
    expect(resumed.spec.suspend).toBe(false);
    expect(resumed.status?.lastHandledReconcileAt).toBe(
      resumed.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'],
    );
    expect(resumed.status?.lastHandledReconcileAt).not.toBe(suspendedHr.status?.lastHandledReconcileAt);
    const readonly = (await createToken(f.home, 'argocd', { role: 'readonly', name: 'viewer2' })).token;
    await expect(ferry(['hr', 'suspend', 'my-app', ...server, '--token', readonly])).rejects.toThrow(
      /not allowed \(403\): viewer2 has the readonly role/,
    );
  });
});

describe('1,000 apps', () => {
  const synthetic = (i: number) => ({
    name: `app-${String(i).padStart(4, '0')}`,
    namespace: 'argocd',
    project: `team-${i % 7}`,
    cluster: 'https://kubernetes.default.svc',
    destNamespace: `ns-${i % 40}`,
    repo: 'https://git.example/apps.git',
    path: `apps/${i}`,
    targetRevision: 'HEAD',
    revision: 'a'.repeat(40),
    sync: i % 5 === 0 ? 'OutOfSync' : 'Synced',
    health: i % 11 === 0 ? 'Degraded' : 'Healthy',
    operationInProgress: false,
    automated: true,
    labels: {},
    conditions: [],
  });

  it('keeps only the rows in view in the DOM (render times are printed, not asserted)', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => synthetic(i));
    const big = await browser.newPage();
    try {
      await big.addInitScript(`sessionStorage.setItem('ferry.token', ${JSON.stringify(admin)})`);
      // The list and the stream answered by the browser itself: 1,000 apps without 1,000 Applications.
      await big.route('**/api/v1/applications', (r) =>
        r.fulfill({ json: { items, total: items.length, counts: { health: {}, sync: {} } } }),
      );
      await big.route('**/api/v1/stream**', (r) =>
        r.fulfill({
          status: 200,
          headers: { 'Content-Type': 'text/event-stream' },
          body: `retry: 60000\n\ndata: ${JSON.stringify({ type: 'snapshot', items })}\n\n`,
        }),
      );
      const started = Date.now();
      await big.goto(f.ferry.server!.url);
      await big.locator('[data-app="app-0000"]').waitFor();
      await expect.poll(() => big.getByTestId('total').textContent()).toBe('1000');
      const firstRender = Date.now() - started;
      expect(await big.locator('[data-app]').count()).toBeLessThan(60);
      const scrollStarted = Date.now();
      await big.locator('.table .body').evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      await big.locator('[data-app="app-0999"]').waitFor();
      const scrolled = Date.now() - scrollStarted;
      expect(await big.locator('[data-app]').count()).toBeLessThan(60);
      const filterStarted = Date.now();
      await big.getByRole('searchbox').fill('app-0777');
      await big.locator('[data-app="app-0777"]').waitFor();
      await expect.poll(() => big.locator('[data-app]').count()).toBe(1);
      const filtered = Date.now() - filterStarted;
      console.log(
        `1,000 apps: first render ${firstRender} ms, scroll to the end ${scrolled} ms, search ${filtered} ms`,
      );
      await big.screenshot({ path: join(artifacts, 'dashboard-1000-apps.png') });
    } finally {
      await big.close();
    }
  });
});
