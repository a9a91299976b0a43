import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { V1ConfigMap, V1Deployment } from '@kubernetes/client-node';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { eventually, objectApi, serverSideApply } from '../support/kube.js';
import { run } from '../../src/util/exec.js';
import { httpGet } from '../../src/testbed/probe.js';
import { versions } from '../../src/testbed/versions.js';

let bed: Testbed;

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev', 'prod'] });
});
afterAll(async () => {
  await bed?.stop();
});

const configMap = (data: Record<string, string>): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'default' },
  data,
});

const deployment: V1Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'example.invalid/web:1.0.0' }] },
    },
  },
};

describe('the test bed control plane', () => {
  it('reports the pinned Kubernetes version to kubectl', async () => {
    const { stdout } = await run(bed.tools.kubectl, [
      '--kubeconfig',
      bed.clusters.dev!.kubeconfig,
      'version',
      '-o',
      'json',
    ]);
    expect(JSON.parse(stdout).serverVersion.gitVersion).toBe(versions.kubernetes);
  });

  it('server-side applies a ConfigMap and reads it back', async () => {
    const api = objectApi(bed.clusters.dev!.kubeconfig);
    await serverSideApply(api, configMap({ LOG_LEVEL: 'info' }));
    await serverSideApply(api, configMap({ LOG_LEVEL: 'debug', EXTRA: 'yes' }));
    const live = await api.read<V1ConfigMap>({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'default' },
    });
    expect(live.data).toEqual({ LOG_LEVEL: 'debug', EXTRA: 'yes' });
    expect(
      live.metadata?.managedFields?.some((f) => f.manager === 'ferry-test' && f.operation === 'Apply'),
    ).toBe(true);
  });

  it('runs a Deployment on simulated nodes until it is Available', async () => {
    const api = objectApi(bed.clusters.dev!.kubeconfig);
    await serverSideApply(api, deployment);
    const ref = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
    };
    const live = await eventually(
      () => api.read<V1Deployment>(ref),
      (d) =>
        d.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True') === true &&
        d.status?.readyReplicas === 2,
      { timeoutMs: 90_000 },
    );
    expect(live.status?.availableReplicas).toBe(2);
  });

  it('keeps two control planes isolated from each other', async () => {
    const dev = objectApi(bed.clusters.dev!.kubeconfig);
    const prod = objectApi(bed.clusters.prod!.kubeconfig);
    expect(bed.clusters.dev!.server).not.toBe(bed.clusters.prod!.server);
    await serverSideApply(prod, {
      ...configMap({ ONLY: 'prod' }),
      metadata: { name: 'only-in-prod', namespace: 'default' },
    });
    const ref = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'only-in-prod', namespace: 'default' },
    };
    await expect(prod.read(ref)).resolves.toBeTruthy();
    await expect(dev.read(ref)).rejects.toMatchObject({ code: 404 });
    // The dev cluster's token means nothing to prod.
    const wrongToken = await fetchStatusWithToken(bed, 'prod', bed.clusters.dev!.token);
    expect(wrongToken).toBe(401);
  });
});

async function fetchStatusWithToken(b: Testbed, cluster: string, token: string): Promise<number> {
  const res = await httpGet(`${b.clusters[cluster]!.server}/api/v1/namespaces`, {
    ca: b.clusters[cluster]!.caPem,
    token,
  });
  return res.status;
}
