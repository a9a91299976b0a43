/**
 * The seed's Flux HelmRelease and OCI HelmRepository against the real bed (apiserver, kwok
 * nodes, registry, helm). Both YAML blocks are applied as the seed has them; the only
 * changes are the registry URL and the two fields a local plain-HTTP registry with basic
 * auth needs on the HelmRepository (`insecure: true`, `secretRef`). The remediation test
 * also sets `spec.timeout: 15s`, so a release that never becomes ready fails in seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { projectRoot } from '../../src/util/paths.js';
import { chartVariant, eventsFor, seedYaml, startFerryOn, type FerryUnderTest } from '../support/ferry.js';
import { ferry } from '../support/cli.js';
import {
  bedHelmRepository,
  condition,
  configMap,
  ensureNamespace,
  getHr,
  helmCli,
  helmHistory,
  hrRef,
  readyAt,
  registrySecret,
  waitForHr,
} from './support.js';

let bed: Testbed;
let f: FerryUnderTest;
let kubeconfig: string;
const chart = join(projectRoot(), 'examples', 'charts', 'my-app');
const cli = (args: string[]) => ferry([...args, '--kubeconfig', kubeconfig]);
const envConfigMap = async () =>
  (await f.home.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'my-app', name: 'my-app-env' }))
    ?.data as Record<string, string>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'] });
  kubeconfig = bed.clusters.dev!.kubeconfig;
  await bed.publishChart(chart, { version: '1.2.0' });
  f = await startFerryOn(bed);
  await ensureNamespace(f.home, 'flux-system');
  await ensureNamespace(f.home, 'my-app');
  await f.home.apply(registrySecret(bed, 'flux-system'));
  await f.home.apply(configMap('my-app', 'my-app-env-values', { env: { LOG_LEVEL: 'info' } }));
  await f.home.apply(bedHelmRepository(seedYaml('Flux HelmRepository (OCI)'), bed));
  await f.home.apply(seedYaml('Flux HelmRelease'));
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

describe('the seed HelmRelease', () => {
  it('installs 1.2.x from the OCI HelmRepository; helm history shows it', async () => {
    const hr = await waitForHr(f.home, 'my-app/my-app', readyAt('1.2.0'));
    expect(condition(hr, 'Released')).toMatchObject({ status: 'True', reason: 'InstallSucceeded' });
    expect(condition(hr, 'Reconciling')).toBeUndefined();
    expect(hr.status?.helmChart).toBe('flux-system/my-app-my-app');
    expect(hr.status?.storageNamespace).toBe('my-app');
    expect(hr.status?.history?.[0]).toMatchObject({
      name: 'my-app',
      namespace: 'my-app',
      version: 1,
      status: 'deployed',
      chartVersion: '1.2.0',
    });
    const history = await helmHistory(bed, 'my-app', 'my-app');
    expect(history.map((h) => [h.revision, h.status, h.chart])).toEqual([[1, 'deployed', 'my-app-1.2.0']]);
    expect(
      (await f.home.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'my-app', name: 'my-app' }))
        ?.spec,
    ).toMatchObject({ replicas: 3 });
    const events = await eventsFor(f.home, 'my-app', 'my-app');
    expect(events.some((e) => e.reason === 'InstallSucceeded' && e.type === 'Normal')).toBe(true);
    const { stdout } = await cli(['flux', 'get', 'helmreleases', '-A']);
    expect(stdout).toMatch(/my-app\s+my-app\s+1\.2\.0\s+False\s+True\s+Helm install succeeded/);
  });

  it('upgrades to 1.2.1 within ~1.2.0 and does not take 1.3.0', async () => {
    await bed.publishChart(chart, { version: '1.2.1' });
    const { stdout } = await cli(['hr', 'reconcile', 'my-app', '-n', 'my-app', '--with-source']);
    expect(stdout).toContain('HelmRelease my-app/my-app at 1.2.1');
    const hr = await waitForHr(f.home, 'my-app/my-app', readyAt('1.2.1'));
    expect(condition(hr, 'Released')).toMatchObject({ status: 'True', reason: 'UpgradeSucceeded' });
    await bed.publishChart(chart, { version: '1.3.0' });
    await cli(['hr', 'reconcile', 'my-app', '-n', 'my-app', '--with-source']);
    const after = await getHr(f.home, 'my-app', 'my-app');
    expect(after.status?.history?.[0]?.chartVersion).toBe('1.2.1');
    expect((await helmHistory(bed, 'my-app', 'my-app')).map((h) => [h.revision, h.status, h.chart])).toEqual([
      [1, 'superseded', 'my-app-1.2.0'],
      [2, 'deployed', 'my-app-1.2.1'],
    ]);
    const sources = await cli(['flux', 'get', 'sources', 'chart', '-n', 'flux-system']);
    expect(sources.stdout).toMatch(
      /helmchart\/my-app-my-app\s+1\.2\.1\s+False\s+True\s+pulled 'my-app' chart with version '1\.2\.1'/,
    );
  });

  it('upgrades with the new values when the valuesFrom ConfigMap changes', async () => {
    await f.home.apply(configMap('my-app', 'my-app-env-values', { env: { LOG_LEVEL: 'debug' } }));
    await waitForHr(
      f.home,
      'my-app/my-app',
      (hr) => hr.status?.history?.[0]?.version === 3 && readyAt('1.2.1')(hr),
    );
    expect((await envConfigMap()).LOG_LEVEL).toBe('debug');
    const values = JSON.parse(
      await helmCli(bed, ['get', 'values', 'my-app', '-n', 'my-app', '-o', 'json']),
    ) as Record<string, unknown>;
    expect(values).toMatchObject({ replicaCount: 3, env: { LOG_LEVEL: 'debug' }, image: { tag: '1.2.0' } });
  });

  it('ignores changes while suspended (helm rollback by hand works), applies them on resume', async () => {
    await cli(['hr', 'suspend', 'my-app', '-n', 'my-app']);
    await f.home.apply(configMap('my-app', 'my-app-env-values', { env: { LOG_LEVEL: 'warn' } }));
    // The seed's manual flow: `flux suspend hr my-app`, then `helm rollback my-app`.
    await helmCli(bed, ['rollback', 'my-app', '2', '-n', 'my-app', '--wait']);
    await sleep(4000);
    expect((await envConfigMap()).LOG_LEVEL).toBe('info');
    const manual = await helmHistory(bed, 'my-app', 'my-app');
    expect(manual.at(-1)).toMatchObject({ revision: 4, status: 'deployed', description: 'Rollback to 2' });
    const { stdout } = await cli(['hr', 'resume', 'my-app', '-n', 'my-app']);
    expect(stdout).toContain('resumed at 1.2.1');
    const hr = await waitForHr(
      f.home,
      'my-app/my-app',
      (h) => h.status?.history?.[0]?.version === 5 && readyAt('1.2.1')(h),
    );
    expect(hr.spec.suspend).toBe(false);
    expect((await envConfigMap()).LOG_LEVEL).toBe('warn');
  });

  it('retries a failing upgrade 3 times, rolling back after each, then stalls; helm history shows it', async () => {
    await f.home.mergePatch(hrRef('my-app', 'my-app'), { spec: { timeout: '15s' } });
    const deployment = readFileSync(join(chart, 'templates', 'deployment.yaml'), 'utf8').replace(
      '    spec:\n      serviceAccountName',
      '    spec:\n      nodeSelector:\n        ferry.dev/no-such-node: "true"\n      serviceAccountName',
    );
    await bed.publishChart(
      chartVariant({ version: '1.2.2', extraTemplates: { 'deployment.yaml': deployment } }),
    );
    await f.home.mergePatch(
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'HelmChart',
        namespace: 'flux-system',
        name: 'my-app-my-app',
      },
      { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() } } },
    );
    const hr = await waitForHr(
      f.home,
      'my-app/my-app',
      (h) => condition(h, 'Stalled')?.status === 'True',
      240_000,
    );
    expect(condition(hr, 'Stalled')).toMatchObject({
      reason: 'RetriesExceeded',
      message: 'Failed to upgrade after 4 attempt(s)',
    });
    expect(condition(hr, 'Ready')).toMatchObject({ status: 'False', reason: 'RollbackSucceeded' });
    expect(condition(hr, 'Remediated')).toMatchObject({ status: 'True', reason: 'RollbackSucceeded' });
    expect(condition(hr, 'Reconciling')).toBeUndefined();
    expect(hr.status).toMatchObject({
      upgradeFailures: 4,
      lastAttemptedRevision: '1.2.2',
      lastAttemptedReleaseAction: 'upgrade',
    });
    expect(hr.status?.observedGeneration).toBe(hr.metadata.generation);
    expect(hr.status?.history?.[0]).toMatchObject({ status: 'deployed', chartVersion: '1.2.1' });
    const helm = await helmHistory(bed, 'my-app', 'my-app');
    expect(helm).toHaveLength(5); // maxHistory
    expect(helm.at(-1)).toMatchObject({ status: 'deployed', chart: 'my-app-1.2.1' });
    expect(helm.at(-1)?.description).toMatch(/^Rollback to \d+$/);
    expect(helm.filter((h) => h.chart === 'my-app-1.2.2').every((h) => h.status === 'failed')).toBe(true);
    const events = await eventsFor(f.home, 'my-app', 'my-app');
    expect(
      events.filter((e) => e.reason === 'UpgradeFailed' && e.message.includes('my-app@1.2.2')),
    ).toHaveLength(4);
    expect(events.filter((e) => e.reason === 'RollbackSucceeded')).toHaveLength(4);
    expect(events.some((e) => e.type === 'Warning' && e.reason === 'RetriesExceeded')).toBe(true);
    const pods = (await f.home.get({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'my-app',
      name: 'my-app',
    })) as unknown as { spec: { template: { spec: { nodeSelector?: object } } } };
    expect(pods.spec.template.spec.nodeSelector).toBeUndefined();
    const { stdout } = await cli(['hr', 'history', 'my-app', '-n', 'my-app']);
    expect(stdout).toMatch(/Stalled=True RetriesExceeded: Failed to upgrade after 4 attempt\(s\)/);
    expect(stdout).toContain('upgrade failures: 4');
  });
});
