/**
 * Drift is still seen once the controller serves live objects from its watches and
 * reuses dry-run results: each app is first reconciled again with nothing changed
 * (a normal refresh, answered from memory), then changed in the cluster by another
 * client, and self-heal must put it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { V1ConfigMap, V1Service } from '@kubernetes/client-node';
import { join } from 'node:path';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { Application } from '../../src/api/argo/index.js';
import type { KubeObject } from '../../src/kube/object.js';
import { projectRoot } from '../../src/util/paths.js';
import {
  appRef,
  eventsFor,
  seedYaml,
  startFerryOn,
  syncedAndHealthy,
  waitForApp,
  type FerryUnderTest,
} from '../support/ferry.js';
import { eventually } from '../support/kube.js';

let bed: Testbed;
let f: FerryUnderTest;

function basicApplication(name: string): Application {
  const app = seedYaml('Basic Application') as Application;
  app.spec.source!.repoURL = bed.chartRepo.url;
  app.metadata.name = name;
  app.spec.destination.namespace = name;
  return app;
}

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'] });
  await bed.publishChart(join(projectRoot(), 'examples', 'charts', 'my-app'), {
    version: '1.2.0',
    oci: false,
  });
  f = await startFerryOn(bed);
  await Promise.all(['cm-drift', 'label-drift', 'not-drift'].map((n) => f.home.apply(basicApplication(n))));
  await Promise.all(
    ['cm-drift', 'label-drift', 'not-drift'].map((n) => waitForApp(f.home, n, syncedAndHealthy)),
  );
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

/** Asks for a normal refresh and waits until the controller has answered it (it clears the request after reconciling). */
async function refreshUnchanged(name: string): Promise<void> {
  await f.home.mergePatch(appRef(name), {
    metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } },
  });
  const app = await waitForApp(f.home, name, (a) => !a.metadata.annotations?.['argocd.argoproj.io/refresh']);
  expect(app.status?.sync?.status).toBe('Synced');
}

const get = <T>(apiVersion: string, kind: string, namespace: string, name: string) =>
  f.home.get({ apiVersion, kind, namespace, name }) as Promise<(T & KubeObject) | undefined>;

describe('drift after a reconcile served from memory', () => {
  it('reverts ConfigMap data changed by another field manager (server-side apply)', async () => {
    await refreshUnchanged('cm-drift');
    const name = 'cm-drift-my-app-env';
    await f.home.rest.send({
      method: 'PATCH',
      path: `/api/v1/namespaces/cm-drift/configmaps/${name}`,
      query: { fieldManager: 'someone-else', force: true },
      contentType: 'application/apply-patch+yaml',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { LOG_LEVEL: 'debug' } },
    });
    const healed = await eventually(
      () => get<V1ConfigMap>('v1', 'ConfigMap', 'cm-drift', name),
      (cm) => cm?.data?.LOG_LEVEL === 'warn',
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    expect(healed?.data?.LOG_LEVEL).toBe('warn');
    expect((await eventsFor(f.home, 'argocd', 'cm-drift')).map((e) => e.reason)).toContain('SelfHealing');
    await waitForApp(f.home, 'cm-drift', syncedAndHealthy);
  });

  it('reverts a label value changed with a merge patch (kubectl edit)', async () => {
    await refreshUnchanged('label-drift');
    const name = 'label-drift-my-app';
    const before = await get<V1Service>('v1', 'Service', 'label-drift', name);
    const [label, value] = Object.entries(before?.metadata?.labels ?? {}).find(
      ([k]) => k === 'app.kubernetes.io/name',
    )!;
    await f.home.mergePatch(
      { apiVersion: 'v1', kind: 'Service', namespace: 'label-drift', name },
      { metadata: { labels: { [label]: 'edited' } } },
    );
    const healed = await eventually(
      () => get<V1Service>('v1', 'Service', 'label-drift', name),
      (svc) => svc?.metadata?.labels?.[label] === value,
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    expect(healed?.metadata?.labels?.[label]).toBe(value);
    expect((await eventsFor(f.home, 'argocd', 'label-drift')).map((e) => e.reason)).toContain('SelfHealing');
  });

  it('does not call an annotation added by another client drift: it stays, Synced, with no self-heal', async () => {
    await refreshUnchanged('not-drift');
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'not-drift', name: 'not-drift-my-app-env' };
    await f.home.mergePatch(ref, { metadata: { annotations: { 'example.com/owner': 'team-a' } } });
    // A reconcile after the change: its dry run must include the added annotation, not reuse the old answer.
    await refreshUnchanged('not-drift');
    const app = await waitForApp(f.home, 'not-drift', syncedAndHealthy);
    expect(app.status?.resources?.find((r) => r.kind === 'ConfigMap')?.status).toBe('Synced');
    expect((await eventsFor(f.home, 'argocd', 'not-drift')).map((e) => e.reason)).not.toContain(
      'SelfHealing',
    );
    const cm = await get<V1ConfigMap>('v1', 'ConfigMap', 'not-drift', ref.name);
    expect(cm?.metadata?.annotations?.['example.com/owner']).toBe('team-a');
  });
});
