/**
 * Argo CD cluster Secrets (label argocd.argoproj.io/secret-type: cluster), decoded:
 * `name`, `server`, `project`, `namespaces` (comma-separated: the cluster is managed in
 * these namespaces only), `clusterResources` ("true": cluster-scoped kinds too, when
 * namespaces is set) and `config` (bearerToken, basic auth, tlsClientConfig). Pure.
 *
 * Ferry addition: the annotation `ferry.dev/server-address` gives the address to connect
 * to when it differs from `server`, which stays the cluster's identity (what
 * Applications name). Argo CD ignores the annotation and connects to `server`.
 */
import type { KubeObject } from '../kube/object.js';

export const clusterSecretSelector = 'argocd.argoproj.io/secret-type=cluster';
export const serverAddressAnnotation = 'ferry.dev/server-address';

export interface ClusterConfig {
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

/** Which namespaces and whether cluster-scoped kinds Ferry may manage in a cluster. */
export interface ClusterScope {
  /** Empty: every namespace (and every cluster-scoped kind). */
  namespaces: string[];
  clusterResources: boolean;
}

export interface ClusterSecret extends ClusterScope {
  secretName: string;
  name: string;
  server: string;
  /** Where to connect: `server`, or the ferry.dev/server-address annotation. */
  address: string;
  project?: string;
  config: ClusterConfig;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function field(secret: KubeObject, key: string): string | undefined {
  const stringData = (secret.stringData ?? {}) as Record<string, string>;
  const data = (secret.data ?? {}) as Record<string, string>;
  return stringData[key] ?? (data[key] ? Buffer.from(data[key], 'base64').toString() : undefined);
}

function parseConfig(text: string | undefined, secretName: string): ClusterConfig {
  if (!text) return {};
  try {
    return JSON.parse(text) as ClusterConfig;
  } catch (err) {
    throw new Error(`cluster Secret ${secretName}: config is not valid JSON`, { cause: err });
  }
}

/** The cluster a Secret describes; throws when it has no server or an unreadable config. */
export function parseClusterSecret(secret: KubeObject): ClusterSecret {
  const secretName = secret.metadata.name ?? '';
  const server = field(secret, 'server')?.replace(/\/$/, '');
  if (!server) throw new Error(`cluster Secret ${secretName} has no server`);
  const namespaces = (field(secret, 'namespaces') ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const annotations = secret.metadata.annotations ?? {};
  return {
    secretName,
    name: field(secret, 'name') ?? server,
    server,
    address: annotations[serverAddressAnnotation] ?? server,
    project: field(secret, 'project'),
    namespaces,
    clusterResources: field(secret, 'clusterResources') === 'true',
    config: parseConfig(field(secret, 'config'), secretName),
    labels: secret.metadata.labels ?? {},
    annotations,
  };
}

/** Every readable cluster Secret; unreadable ones are left out (and reported by `problems`). */
export function parseClusterSecrets(secrets: readonly KubeObject[]): {
  clusters: ClusterSecret[];
  problems: string[];
} {
  const clusters: ClusterSecret[] = [];
  const problems: string[] = [];
  for (const s of secrets) {
    try {
      clusters.push(parseClusterSecret(s));
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  return { clusters, problems };
}

/**
 * Why a resource may not be managed in a cluster limited to some namespaces (Argo CD's
 * namespaced mode), or undefined when it may.
 */
export function clusterScopeDenied(
  scope: ClusterScope,
  resource: { kind: string; name: string; namespace?: string; namespaced: boolean },
): string | undefined {
  if (scope.namespaces.length === 0) return undefined;
  if (!resource.namespaced)
    return scope.clusterResources
      ? undefined
      : `cluster level ${resource.kind} "${resource.name}" can not be managed when in namespaced mode`;
  const namespace = resource.namespace ?? '';
  return scope.namespaces.includes(namespace)
    ? undefined
    : `namespace "${namespace}" for ${resource.kind} "${resource.name}" is not managed`;
}
