/**
 * Custom health checks configured in argocd-cm decide an app's health, and their
 * messages reach the Application status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { startFerryOn, waitForApp, type FerryUnderTest, gitRepoSecret } from '../support/ferry.js';

let bed: Testbed;
let f: FerryUnderTest;

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'], nodes: false });
  const dir = mkdtempSync(join(tmpdir(), 'ferry-health-'));
  writeFileSync(
    join(dir, 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: widget\ndata:\n  state: broken\n',
  );
  await bed.git.pushFolder('widgets', dir);
  f = await startFerryOn(bed);
  await f.home.apply(gitRepoSecret(bed, 'widgets'));
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

describe('custom health checks', () => {
  it('marks the app Degraded with the check’s message', async () => {
    await f.home.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-cm', namespace: 'argocd' },
      data: {
        'ferry.customizations.health.ConfigMap':
          'rules:\n  - when: data.state == "broken"\n    status: Degraded\n    message: "{{ metadata.name }} reports state {{ data.state }}"\n',
      },
    });
    await f.home.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'widgets', namespace: 'argocd' },
      spec: {
        project: 'default',
        source: { repoURL: bed.git.cloneUrl('widgets', false), path: '.', targetRevision: 'HEAD' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'widgets' },
        syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
      },
    });
    const app = await waitForApp(f.home, 'widgets', (a) => a.status?.health?.status === 'Degraded');
    expect(app.status?.health?.message).toBe('widget reports state broken');
    expect(app.status?.resources?.[0]?.health).toEqual({
      status: 'Degraded',
      message: 'widget reports state broken',
    });
  });
});
