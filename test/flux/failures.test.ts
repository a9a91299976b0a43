/**
 * Bad input on a HelmRelease that is already installed: each becomes a clear Ready=False
 * condition and an Event, and the release keeps running untouched (no new Helm revision,
 * same Deployment). Each case is put right again before the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { HelmRelease, HelmRepository } from '../../src/api/flux/index.js';
import { freePort } from '../../src/testbed/ports.js';
import { chartVariant, eventsFor, startFerryOn, type FerryUnderTest } from '../support/ferry.js';
import {
  condition,
  configMap,
  deployment,
  ensureNamespace,
  helmHistory,
  readyAt,
  registrySecret,
  waitForHr,
} from './support.js';

let bed: Testbed;
let f: FerryUnderTest;
const ns = 'victim';

const failTemplate =
  '{{- if .Values.breakRender }}{{ fail "breakRender is set: this chart refuses to render" }}{{- end }}\n';

function repository(patch: (r: HelmRepository) => void = () => undefined): HelmRepository {
  const repo: HelmRepository = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmRepository',
    metadata: { name: 'charts', namespace: ns },
    spec: {
      type: 'oci',
      interval: '5m',
      url: `${bed.registry.ociUrl}/charts`,
      insecure: true,
      secretRef: { name: 'registry-creds' },
    },
  };
  patch(repo);
  return repo;
}

function release(patch: (hr: HelmRelease) => void = () => undefined): HelmRelease {
  const hr: HelmRelease = {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'victim', namespace: ns },
    spec: {
      interval: '5m',
      timeout: '30s',
      chart: {
        spec: { chart: 'my-app', version: '1.2.0', sourceRef: { kind: 'HelmRepository', name: 'charts' } },
      },
      values: { replicaCount: 2 },
      valuesFrom: [
        { kind: 'ConfigMap', name: 'victim-values' },
        { kind: 'ConfigMap', name: 'not-there', optional: true },
      ],
    },
  };
  patch(hr);
  return hr;
}

const goodValues = () => configMap(ns, 'victim-values', { env: { LOG_LEVEL: 'info' } });

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'] });
  await bed.publishChart(chartVariant({ version: '1.2.0', extraTemplates: { 'fail.yaml': failTemplate } }));
  f = await startFerryOn(bed);
  await ensureNamespace(f.home, ns);
  await f.home.apply(registrySecret(bed, ns));
  await f.home.apply(registrySecret(bed, ns, 'wrong-creds', 'not-the-password'));
  await f.home.apply(goodValues());
  await f.home.apply(repository());
  await f.home.apply(release());
  await waitForHr(f.home, `${ns}/victim`, readyAt('1.2.0'));
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

async function expectFailure(reason: string, message: RegExp): Promise<void> {
  const hr = await waitForHr(
    f.home,
    `${ns}/victim`,
    (h) => condition(h, 'Ready')?.status === 'False' && message.test(condition(h, 'Ready')?.message ?? ''),
    60_000,
  );
  expect(condition(hr, 'Ready')?.reason).toBe(reason);
  const events = await eventsFor(f.home, ns, 'victim');
  expect(events.some((e) => e.type === 'Warning' && e.reason === reason && message.test(e.message))).toBe(
    true,
  );
}

async function expectUntouched(): Promise<void> {
  const history = await helmHistory(bed, 'victim', ns);
  expect(history.map((h) => [h.revision, h.status, h.chart])).toEqual([[1, 'deployed', 'my-app-1.2.0']]);
  expect((await deployment(f.home, ns, 'victim-my-app'))?.spec).toMatchObject({ replicas: 2 });
}

async function restore(): Promise<void> {
  await f.home.apply(goodValues());
  await f.home.apply(repository());
  await f.home.apply(release());
  await waitForHr(f.home, `${ns}/victim`, readyAt('1.2.0'), 60_000);
  await expectUntouched();
}

describe('bad input leaves the installed release alone', () => {
  it('skips an optional valuesFrom reference that does not exist', async () => {
    await expectUntouched();
  });

  it('a chart version range with no match', async () => {
    await f.home.apply(release((hr) => (hr.spec.chart!.spec.version = '~9.0.0')));
    await expectFailure(
      'SourceNotReady',
      /HelmChart 'victim\/victim-victim' is not ready: chart "my-app" version "~9.0.0" not found/,
    );
    await expectUntouched();
    await restore();
  });

  it('a version that is not a semver range', async () => {
    await f.home.apply(release((hr) => (hr.spec.chart!.spec.version = 'one-point-two')));
    await expectFailure('SourceNotReady', /invalid chart version constraint 'one-point-two'/);
    await expectUntouched();
    await restore();
  });

  it('a chart that fails to render', async () => {
    await f.home.apply(release((hr) => (hr.spec.values = { replicaCount: 2, breakRender: true })));
    await expectFailure(
      'UpgradeFailed',
      /Helm upgrade failed for release victim\/victim with chart my-app@1\.2\.0: .*breakRender is set: this chart refuses to render/,
    );
    await expectUntouched();
    await restore();
  });

  it('a values file with invalid YAML', async () => {
    await f.home.apply(configMap(ns, 'victim-values', 'env: [unclosed\n'));
    await expectFailure(
      'ValuesError',
      /could not resolve ConfigMap chart values reference 'victim\/victim-values' with key 'values.yaml': failed to read values data/,
    );
    await expectUntouched();
    await restore();
  });

  it('a missing ConfigMap that is not optional', async () => {
    await f.home.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'victim-values' });
    await expectFailure(
      'ValuesError',
      /could not resolve ConfigMap chart values reference 'victim\/victim-values' with key 'values.yaml': resource not found/,
    );
    await expectUntouched();
    await restore();
  });

  it('an unreachable registry', async () => {
    const port = await freePort();
    await f.home.apply(repository((r) => (r.spec.url = `oci://127.0.0.1:${port}/charts`)));
    await expectFailure(
      'SourceNotReady',
      new RegExp(
        `HelmChart 'victim/victim-victim' is not ready: .*127\\.0\\.0\\.1:${port}.*(refused|connect)`,
        'i',
      ),
    );
    await expectUntouched();
    await restore();
  });

  it('wrong registry credentials', async () => {
    await f.home.apply(repository((r) => (r.spec.secretRef = { name: 'wrong-creds' })));
    await expectFailure(
      'SourceNotReady',
      /HelmChart 'victim\/victim-victim' is not ready: .*login to 127\.0\.0\.1:\d+ failed: .*unauthorized/i,
    );
    const chartEvents = await eventsFor(f.home, ns, 'victim-victim');
    expect(chartEvents.some((e) => e.type === 'Warning' && e.reason === 'AuthenticationFailed')).toBe(true);
    await expectUntouched();
    await restore();
  });

  it('an invalid duration in the spec (stalls until the spec changes)', async () => {
    await f.home.apply(release((hr) => (hr.spec.interval = '5 minutes')));
    await expectFailure(
      'InvalidSpec',
      /spec\.interval must be a duration such as "30s", "5m" or "1h", got "5 minutes"/,
    );
    const hr = await waitForHr(f.home, `${ns}/victim`, (h) => condition(h, 'Stalled')?.status === 'True');
    expect(hr.status?.observedGeneration).toBe(hr.metadata.generation);
    await expectUntouched();
    await restore();
  });
});
