/**
 * Credentials from the Secrets Flux sources name in `secretRef`: `username`/`password`
 * (HelmRepository, GitRepository, OCIRepository), `bearerToken` (GitRepository), or a
 * docker config (`.dockerconfigjson`) for a registry host. Values never leave this module
 * except as the credentials object handed to a source.
 */
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';

export interface BasicCredentials {
  username?: string;
  password?: string;
}

export class SecretRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretRefError';
  }
}

/** The decoded data of a Secret (`data` base64-decoded, `stringData` as is). */
export function secretData(secret: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((secret.data ?? {}) as Record<string, string>)) {
    out[k] = Buffer.from(v, 'base64').toString('utf8');
  }
  return { ...out, ...((secret.stringData ?? {}) as Record<string, string>) };
}

export async function readSecret(
  cluster: Cluster,
  namespace: string,
  name: string,
): Promise<Record<string, string>> {
  const secret = await cluster.get({ apiVersion: 'v1', kind: 'Secret', namespace, name });
  if (!secret) throw new SecretRefError(`secrets "${name}" not found in namespace ${namespace}`);
  return secretData(secret);
}

interface DockerConfig {
  auths?: Record<string, { username?: string; password?: string; auth?: string }>;
}

function fromDockerConfig(json: string, host: string): BasicCredentials | undefined {
  let config: DockerConfig;
  try {
    config = JSON.parse(json) as DockerConfig;
  } catch {
    throw new SecretRefError('.dockerconfigjson is not valid JSON');
  }
  const entry = Object.entries(config.auths ?? {}).find(
    ([key]) => key === host || key.replace(/^https?:\/\//, '').replace(/\/.*$/, '') === host,
  )?.[1];
  if (!entry) return undefined;
  if (entry.username) return { username: entry.username, password: entry.password };
  if (!entry.auth) return undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Basic credentials for `host` from the Secret's data: username/password keys, else a
 * docker config entry for the host. Throws when the Secret has neither.
 */
export function basicCredentials(
  data: Record<string, string>,
  host: string,
  secretName: string,
): BasicCredentials {
  if (data.username !== undefined || data.password !== undefined) {
    return { username: data.username, password: data.password };
  }
  if (data['.dockerconfigjson']) {
    const found = fromDockerConfig(data['.dockerconfigjson'], host);
    if (found) return found;
    throw new SecretRefError(`secret '${secretName}': .dockerconfigjson has no entry for ${host}`);
  }
  if (data.bearerToken) return { password: data.bearerToken };
  throw new SecretRefError(`secret '${secretName}': expected username and password, or .dockerconfigjson`);
}
