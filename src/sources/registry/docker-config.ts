/**
 * Credentials from a `kubernetes.io/dockerconfigjson` Secret (`.dockerconfigjson`):
 * `auths[host].auth` (base64 `user:password`) or `auths[host].username`/`password`.
 * Keys may be bare hosts or URLs (`https://index.docker.io/v1/`), as `docker login` writes them.
 */
import { sameRegistry } from './ref.js';

export interface RegistryAuth {
  username: string;
  password: string;
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
}

export function authFromDockerConfig(dockerConfigJson: string, registry: string): RegistryAuth | undefined {
  let config: { auths?: Record<string, AuthEntry> } & Record<string, unknown>;
  try {
    config = JSON.parse(dockerConfigJson) as typeof config;
  } catch {
    // Never echo the content: it holds the passwords.
    throw new Error('.dockerconfigjson is not valid JSON');
  }
  if (typeof config !== 'object' || config === null)
    throw new Error('.dockerconfigjson is not a JSON object');
  // The legacy .dockercfg format has the hosts at the top level.
  const auths = (config.auths ?? config) as Record<string, AuthEntry>;
  const entry = Object.entries(auths).find(([key]) => sameRegistry(hostOfKey(key), registry))?.[1];
  return entry && typeof entry === 'object' ? fromEntry(entry, registry) : undefined;
}

function fromEntry(entry: AuthEntry, registry: string): RegistryAuth | undefined {
  if (entry.username !== undefined || entry.password !== undefined) {
    return { username: entry.username ?? '', password: entry.password ?? '' };
  }
  if (!entry.auth) return undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0)
    throw new Error(`.dockerconfigjson: the auth entry for ${registry} is not base64 of user:password`);
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function hostOfKey(key: string): string {
  return key
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '');
}
