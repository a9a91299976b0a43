/**
 * Source request metrics on a real Ferry: after apps sync from the bed's git server and
 * HTTP Helm repository, /metrics shows git and helm request latencies; a repository
 * nobody listens on shows up in the error counter.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { parseExposition } from '../../src/server/metrics/exposition.js';
import { projectRoot } from '../../src/util/paths.js';
import type { Application } from '../../src/api/argo/index.js';
import { startFerryOn, waitForApp, type FerryUnderTest } from '../support/ferry.js';
import { eventually } from '../support/kube.js';
import { configureWidgets, pushWidgets, scrape, widgetsApp } from './support.js';

let bed: Testbed;
let f: FerryUnderTest;
let base: string;

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'], nodes: false });
  await pushWidgets(bed, 'ok');
  await bed.publishChart(join(projectRoot(), 'examples', 'charts', 'my-app'), {
    version: '1.2.0',
    oci: false,
  });
  f = await startFerryOn(bed, 'dev', { listen: '127.0.0.1:0' });
  base = f.ferry.server!.url;
  await configureWidgets(bed, f);
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

const helmApp = (name: string, repoURL: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'argocd' },
  spec: {
    project: 'default',
    source: { repoURL, chart: 'my-app', targetRevision: '1.2.0' },
    destination: { server: 'https://kubernetes.default.svc', namespace: name },
    syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
  },
});

const sum = (text: string, name: string, labels: Record<string, string>): number =>
  parseExposition(text)
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);

const synced = (a: Application): boolean => a.status?.sync?.status === 'Synced';

describe('source request metrics', () => {
  it('counts git and Helm requests of synced apps, and errors of an unreachable repository', async () => {
    await f.home.apply(widgetsApp(bed, 'widgets', true));
    await f.home.apply(helmApp('charted', bed.chartRepo.url));
    await waitForApp(f.home, 'widgets', synced);
    await waitForApp(f.home, 'charted', synced);
    const text = await scrape(base);
    const count = 'ferry_source_request_duration_seconds_count';
    expect(sum(text, count, { kind: 'git', operation: 'ls-remote', result: 'success' })).toBeGreaterThan(0);
    expect(sum(text, count, { kind: 'git', operation: 'fetch', result: 'success' })).toBeGreaterThan(0);
    expect(sum(text, count, { kind: 'helm', operation: 'index', result: 'success' })).toBeGreaterThan(0);
    expect(sum(text, count, { kind: 'helm', operation: 'chart', result: 'success' })).toBeGreaterThan(0);
    expect(text).toContain('# TYPE ferry_source_request_duration_seconds histogram');

    await f.home.apply(helmApp('unreachable', 'http://127.0.0.1:1/charts'));
    const failed = await eventually(
      () => scrape(base),
      (t) => sum(t, 'ferry_source_request_errors_total', { kind: 'helm', operation: 'index' }) > 0,
    );
    expect(sum(failed, count, { kind: 'helm', operation: 'index', result: 'error' })).toBeGreaterThan(0);
    expect(sum(failed, 'ferry_source_request_errors_total', { kind: 'git' })).toBe(0);
  });
});
