import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/object.js';
import { clusterScopeDenied, parseClusterSecret, parseClusterSecrets } from './cluster-secrets.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const secret = (data: Record<string, string>, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'cluster-a',
    labels: { 'argocd.argoproj.io/secret-type': 'cluster', env: 'prod' },
    annotations,
  },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
});

describe('cluster Secrets', () => {
  it('decodes Argo CD’s fields', () => {
    const parsed = parseClusterSecret(
      secret({
        name: 'prod',
        server: 'https://prod.example.com/',
        project: 'team-a',
        namespaces: 'a, b,',
        clusterResources: 'true',
        config: JSON.stringify({ bearerToken: 't', tlsClientConfig: { caData: 'Y2E=' } }),
      }),
    );
    expect(parsed).toEqual({
      secretName: 'cluster-a',
      name: 'prod',
      server: 'https://prod.example.com',
      address: 'https://prod.example.com',
      project: 'team-a',
      namespaces: ['a', 'b'],
      clusterResources: true,
      config: { bearerToken: 't', tlsClientConfig: { caData: 'Y2E=' } },
      labels: { 'argocd.argoproj.io/secret-type': 'cluster', env: 'prod' },
      annotations: {},
    });
  });

  it('connects to the ferry.dev/server-address annotation when given, keeping server as the identity', () => {
    const parsed = parseClusterSecret(
      secret(
        { server: 'https://dev-cluster.example.com' },
        { 'ferry.dev/server-address': 'https://127.0.0.1:6443' },
      ),
    );
    expect(parsed).toMatchObject({
      name: 'https://dev-cluster.example.com',
      server: 'https://dev-cluster.example.com',
      address: 'https://127.0.0.1:6443',
    });
  });

  it('reports Secrets it cannot read, and keeps the others', () => {
    const { clusters, problems } = parseClusterSecrets([
      secret({ name: 'ok', server: 'https://ok' }),
      secret({ name: 'no-server' }),
      secret({ server: 'https://bad', config: '{' }),
    ]);
    expect(clusters.map((c) => c.name)).toEqual(['ok']);
    expect(problems).toEqual([
      'cluster Secret cluster-a has no server',
      'cluster Secret cluster-a: config is not valid JSON',
    ]);
  });

  it.each([
    [
      { namespaces: [], clusterResources: false },
      { kind: 'Namespace', name: 'x', namespaced: false },
      undefined,
    ],
    [
      { namespaces: ['a'], clusterResources: false },
      { kind: 'ConfigMap', name: 'c', namespace: 'a', namespaced: true },
      undefined,
    ],
    [
      { namespaces: ['a'], clusterResources: false },
      { kind: 'ConfigMap', name: 'c', namespace: 'b', namespaced: true },
      'namespace "b" for ConfigMap "c" is not managed',
    ],
    [
      { namespaces: ['a'], clusterResources: false },
      { kind: 'ClusterRole', name: 'r', namespaced: false },
      'cluster level ClusterRole "r" can not be managed when in namespaced mode',
    ],
    [
      { namespaces: ['a'], clusterResources: true },
      { kind: 'ClusterRole', name: 'r', namespaced: false },
      undefined,
    ],
  ])('scope %j, resource %j → %s', (scope, resource, expected) => {
    expect(clusterScopeDenied(scope, resource)).toBe(expected);
  });
});
