/**
 * `ferry cluster add`, the way `argocd cluster add` does it: in the target cluster's
 * kube-system a ServiceAccount `argocd-manager`, a ClusterRoleBinding to cluster-admin
 * and a long-lived token Secret; then an Argo CD cluster Secret in the control namespace
 * with that token and the target's CA. Clusters without a token controller (no
 * kube-controller-manager) get a token from the TokenRequest API instead.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Cluster } from '../kube/cluster.js';
import type { KubeObject } from '../kube/object.js';
import { serverAddressAnnotation, type ClusterConfig } from '../controllers/cluster-secrets.js';

export const managerServiceAccount = 'argocd-manager';
const tokenSecretName = `${managerServiceAccount}-long-lived-token`;
const bindingName = 'argocd-manager-role-binding';

export interface ClusterAddOptions {
  name: string;
  /** The server URL recorded (what Applications name); default the kubeconfig's. */
  server?: string;
  systemNamespace?: string;
  namespaces?: string[];
  clusterResources?: boolean;
  project?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** How long to wait for the token controller before using the TokenRequest API. */
  tokenWaitMs?: number;
}

function rbacObjects(ns: string): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: managerServiceAccount, namespace: ns } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: bindingName },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: managerServiceAccount, namespace: ns }],
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: {
        name: tokenSecretName,
        namespace: ns,
        annotations: { 'kubernetes.io/service-account.name': managerServiceAccount },
      },
    },
  ];
}

async function tokenFromSecret(target: Cluster, ns: string, waitMs: number): Promise<string | undefined> {
  const deadline = Date.now() + waitMs;
  do {
    const secret = await target.get({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: ns,
      name: tokenSecretName,
    });
    const token = (secret?.data as Record<string, string> | undefined)?.token;
    if (token) return Buffer.from(token, 'base64').toString();
    await new Promise((r) => setTimeout(r, 500));
  } while (Date.now() < deadline);
  return undefined;
}

async function requestedToken(target: Cluster, ns: string): Promise<string> {
  const res = await target.rest.send<{ status: { token: string } }>({
    method: 'POST',
    path: `/api/v1/namespaces/${ns}/serviceaccounts/${managerServiceAccount}/token`,
    body: {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { expirationSeconds: 365 * 24 * 3600 },
    },
  });
  return res.status.token;
}

/** Creates the manager ServiceAccount and returns a bearer token for it. */
export async function installClusterManager(target: Cluster, options: ClusterAddOptions): Promise<string> {
  const ns = options.systemNamespace ?? 'kube-system';
  for (const obj of rbacObjects(ns)) await target.apply(obj);
  return (
    (await tokenFromSecret(target, ns, options.tokenWaitMs ?? 10_000)) ?? (await requestedToken(target, ns))
  );
}

function caData(kc: KubeConfig): string | undefined {
  const c = kc.getCurrentCluster();
  if (c?.caData) return c.caData;
  return c?.caFile ? readFileSync(c.caFile).toString('base64') : undefined;
}

/** The server URL `add` records for the target: --server, else the kubeconfig's. */
export function recordedServer(kc: KubeConfig, options: Pick<ClusterAddOptions, 'server'>): string {
  return (options.server ?? kc.getCurrentCluster()?.server ?? '').replace(/\/$/, '');
}

/** Named like Argo CD's: cluster-<host>-<hash of the server URL>. */
export function clusterSecretName(server: string): string {
  const host = new URL(server).hostname.replace(/[^a-z0-9.-]/gi, '-').toLowerCase();
  return `cluster-${host}-${createHash('sha256').update(server).digest('hex').slice(0, 10)}`;
}

/** The Argo CD cluster Secret for the target. */
export function clusterSecret(
  kc: KubeConfig,
  token: string,
  options: ClusterAddOptions,
  namespace: string,
): KubeObject {
  const address = kc.getCurrentCluster()?.server.replace(/\/$/, '') ?? '';
  const server = recordedServer(kc, options);
  const config: ClusterConfig = {
    bearerToken: token,
    tlsClientConfig: { insecure: Boolean(kc.getCurrentCluster()?.skipTLSVerify), caData: caData(kc) },
  };
  const annotations = {
    ...(options.annotations ?? {}),
    ...(server !== address ? { [serverAddressAnnotation]: address } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: clusterSecretName(server),
      namespace,
      labels: { ...(options.labels ?? {}), 'argocd.argoproj.io/secret-type': 'cluster' },
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    stringData: {
      name: options.name,
      server,
      config: JSON.stringify(config),
      ...(options.namespaces?.length ? { namespaces: options.namespaces.join(',') } : {}),
      ...(options.clusterResources ? { clusterResources: 'true' } : {}),
      ...(options.project ? { project: options.project } : {}),
    },
  };
}
