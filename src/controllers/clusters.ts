/**
 * Destination clusters by server URL or name. `https://kubernetes.default.svc` (name
 * `in-cluster`) is the cluster Ferry runs against; others come from Argo CD cluster
 * Secrets (label argocd.argoproj.io/secret-type: cluster) in the control namespace.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { Cluster } from '../kube/cluster.js';
import type { KubeObject } from '../kube/object.js';
import type { RequestCounter } from '../kube/rest.js';

export const inClusterServer = 'https://kubernetes.default.svc';
export const inClusterName = 'in-cluster';

interface ClusterConfig {
  bearerToken?: string;
  username?: string;
  password?: string;
  tlsClientConfig?: {
    caData?: string;
    certData?: string;
    keyData?: string;
    insecure?: boolean;
    serverName?: string;
  };
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

  private async load(dest: { server?: string; name?: string }): Promise<Cluster> {
    const secrets = await this.home.list('v1', 'Secret', {
      namespace: this.namespace,
      labelSelector: 'argocd.argoproj.io/secret-type=cluster',
    });
    const secret = secrets.find((s) => {
      const d = decode(s);
      return dest.server
        ? d.server?.replace(/\/$/, '') === dest.server.replace(/\/$/, '')
        : d.name === dest.name;
    });
    if (!secret)
      throw new UnknownClusterError(dest.server ? `with server ${dest.server}` : `named "${dest.name}"`);
    const d = decode(secret);
    return Cluster.fromKubeConfig(
      d.name ?? d.server!,
      kubeConfigFor(d.server!, d.config ? (JSON.parse(d.config) as ClusterConfig) : {}),
      this.onRequest,
    );
  }
}

function decode(secret: KubeObject): { name?: string; server?: string; config?: string } {
  const data = (secret.data ?? {}) as Record<string, string>;
  const string = (secret.stringData ?? {}) as Record<string, string>;
  const get = (k: string): string | undefined =>
    string[k] ?? (data[k] ? Buffer.from(data[k], 'base64').toString() : undefined);
  return { name: get('name'), server: get('server'), config: get('config') };
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
