/**
 * Destination clusters by server URL or name. `https://kubernetes.default.svc` (name
 * `in-cluster`) is the cluster Ferry runs against; others come from Argo CD cluster
 * Secrets (label argocd.argoproj.io/secret-type: cluster) in the control namespace
 * (decoded by cluster-secrets.ts). Each cluster gets its own connection pool and rate
 * limit; connections are dropped when cluster Secrets change (`watch`).
 */
import { KubeConfig } from '@kubernetes/client-node';
import { Cluster } from '../kube/cluster.js';
import type { ConnectionLimits, RequestCounter } from '../kube/rest.js';
import { watchCollection, type CollectionWatch } from '../kube/watch.js';
import type { KubeObject } from '../kube/object.js';
import {
  clusterScopeDenied,
  clusterSecretSelector,
  parseClusterSecrets,
  type ClusterConfig,
  type ClusterScope,
  type ClusterSecret,
} from './cluster-secrets.js';

export const inClusterServer = 'https://kubernetes.default.svc';
export const inClusterName = 'in-cluster';

/** Defaults for every destination cluster, as Argo CD's (ARGOCD_K8S_CLIENT_QPS/BURST). */
export const defaultClusterLimits: ConnectionLimits = {
  maxSockets: 32,
  rateLimit: { qps: 50, burst: 100 },
  timeoutMs: 60_000,
};

/** The namespaces and cluster-scoped kinds a destination cluster's Secret allows, by connection. */
const scopes = new WeakMap<Cluster, ClusterScope>();

/** The scope of a cluster a registry resolved; undefined (no limits) for the home cluster. */
export function scopeOf(cluster: Cluster): ClusterScope | undefined {
  return scopes.get(cluster);
}

/** Why a cluster limited to some namespaces (its Secret's `namespaces`) refuses a resource, if it does. */
export function outOfClusterScope(
  cluster: Cluster,
  object: KubeObject,
  namespaced: boolean,
): string | undefined {
  const scope = scopes.get(cluster);
  const resource = {
    kind: object.kind,
    name: object.metadata.name ?? '',
    namespace: object.metadata.namespace,
    namespaced,
  };
  return scope && clusterScopeDenied(scope, resource);
}

export class UnknownClusterError extends Error {
  constructor(what: string) {
    super(`there is no cluster ${what} (register it with a cluster Secret or 'ferry cluster add')`);
    this.name = 'UnknownClusterError';
  }
}

export class ClusterRegistry {
  private readonly clusters = new Map<string, Promise<Cluster>>();

  constructor(
    readonly home: Cluster,
    private readonly namespace: string,
    private readonly onRequest?: RequestCounter,
    private readonly limits: ConnectionLimits = defaultClusterLimits,
  ) {}

  /** The cluster an Application's destination names. */
  async resolve(dest: { server?: string; name?: string }): Promise<Cluster> {
    if (dest.server === inClusterServer || dest.name === inClusterName || (!dest.server && !dest.name))
      return this.home;
    const key = dest.server ? `server:${dest.server}` : `name:${dest.name}`;
    let cluster = this.clusters.get(key);
    if (!cluster) {
      cluster = this.load(dest);
      this.clusters.set(key, cluster);
      cluster.catch(() => this.clusters.delete(key));
    }
    return cluster;
  }

  /** Drop cached connections (a cluster Secret changed). */
  forget(): void {
    this.clusters.clear();
  }

  /** Every registered cluster (unreadable Secrets left out). */
  async list(): Promise<ClusterSecret[]> {
    const secrets = await this.home.list('v1', 'Secret', {
      namespace: this.namespace,
      labelSelector: clusterSecretSelector,
    });
    return parseClusterSecrets(secrets).clusters;
  }

  /**
   * Watches cluster Secrets: on every change, cached connections are dropped (new
   * credentials or addresses take effect on the next reconcile) and `onChange` is told.
   */
  watch(onChange: () => void = () => undefined, onError?: (err: unknown) => void): CollectionWatch {
    return watchCollection(
      this.home,
      { apiVersion: 'v1', kind: 'Secret', namespace: this.namespace },
      (_type, secret) => {
        if (secret.metadata.labels?.['argocd.argoproj.io/secret-type'] !== 'cluster') return;
        this.forget();
        onChange();
      },
      onError,
    );
  }

  private async load(dest: { server?: string; name?: string }): Promise<Cluster> {
    const wanted = dest.server?.replace(/\/$/, '');
    const found = (await this.list()).find((c) => (wanted ? c.server === wanted : c.name === dest.name));
    if (!found)
      throw new UnknownClusterError(dest.server ? `with server ${dest.server}` : `named "${dest.name}"`);
    const cluster = await Cluster.fromKubeConfig(
      found.name,
      kubeConfigFor(found.address, found.config),
      this.onRequest,
      this.limits,
    );
    scopes.set(cluster, { namespaces: found.namespaces, clusterResources: found.clusterResources });
    return cluster;
  }
}

function kubeConfigFor(server: string, config: ClusterConfig): KubeConfig {
  const kc = new KubeConfig();
  const tls = config.tlsClientConfig ?? {};
  kc.loadFromOptions({
    clusters: [
      {
        name: 'c',
        server,
        caData: tls.caData,
        skipTLSVerify: Boolean(tls.insecure),
        tlsServerName: tls.serverName,
      },
    ],
    users: [
      {
        name: 'u',
        token: config.bearerToken,
        username: config.username,
        password: config.password,
        certData: tls.certData,
        keyData: tls.keyData,
      },
    ],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  return kc;
}
