/**
 * The dashboard end to end in Debian's chromium (playwright-core, no browser download):
 * sign in with a token, see apps with the right badges, open a diff, click Sync and
 * watch the status change live, roll back through the confirm dialog. Screenshots go
 * to test-artifacts/ (git-ignored).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { createToken } from '../../src/server/api/tokens.js';
import { projectRoot } from '../../src/util/paths.js';
import { startFerryOn, waitForApp, type FerryUnderTest } from '../support/ferry.js';
import { call, configureWidgets, pushWidgets, widgetsApp } from './support.js';

const artifacts = join(projectRoot(), 'test-artifacts');
let bed: Testbed;
let f: FerryUnderTest;
let browser: BrowserContext;
let page: Page;
let admin: string;

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
    await page.getByText('The cluster matches the source.').waitFor();
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
