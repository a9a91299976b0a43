/**
 * Credentials for the image updater, from the references Argo CD Image Updater takes:
 * registry pull secrets (`pullsecret:ns/name`, `secret:ns/name#field`, `env:VAR`) and git
 * write-back credentials (`git:secret:ns/name`, else Argo CD's repository Secrets).
 * Values are returned to the caller only; never logged.
 */
import type { Cluster } from '../../kube/cluster.js';
import { secretData } from '../../sources/credentials/index.js';
import { authFromDockerConfig, type RegistryAuth } from '../../sources/registry/index.js';
import type { GitCredentials } from '../../sources/git/index.js';
import type { GitCredentialRef } from '../../image/argo/annotations.js';

export class CredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialError';
  }
}

async function readSecret(
  home: Cluster,
  namespace: string,
  name: string,
  what: string,
): Promise<Record<string, string>> {
  const secret = await home.get({ apiVersion: 'v1', kind: 'Secret', namespace, name });
  if (!secret) throw new CredentialError(`${what}: Secret ${namespace}/${name} not found`);
  return secretData(secret);
}

function userPassword(value: string, what: string): RegistryAuth {
  const colon = value.trim().indexOf(':');
  if (colon < 0) throw new CredentialError(`${what}: expected <username>:<password>`);
  return { username: value.trim().slice(0, colon), password: value.trim().slice(colon + 1) };
}

/** The registry credentials a `pull-secret` / registries.conf `credentials` reference names. */
export async function registryAuth(
  home: Cluster,
  ref: string,
  registry: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RegistryAuth | undefined> {
  const what = `pull-secret "${ref}"`;
  const pull = /^pullsecret:([^/]+)\/([^/#]+)$/.exec(ref);
  if (pull) {
    const data = await readSecret(home, pull[1]!, pull[2]!, what);
    const json = data['.dockerconfigjson'];
    if (json === undefined) throw new CredentialError(`${what}: the Secret has no .dockerconfigjson`);
    return authFromDockerConfig(json, registry);
  }
  const field = /^secret:([^/]+)\/([^/#]+)#(.+)$/.exec(ref);
  if (field) {
    const data = await readSecret(home, field[1]!, field[2]!, what);
    const value = data[field[3]!];
    if (value === undefined) throw new CredentialError(`${what}: the Secret has no field ${field[3]}`);
    return userPassword(value, what);
  }
  const variable = /^env:(.+)$/.exec(ref);
  if (variable) {
    const value = env[variable[1]!];
    if (value === undefined)
      throw new CredentialError(`${what}: environment variable ${variable[1]} is not set`);
    return userPassword(value, what);
  }
  throw new CredentialError(
    `${what}: use pullsecret:ns/name, secret:ns/name#field or env:VAR (ext: is not supported)`,
  );
}

/** Git credentials for write-back: the named Secret (`username`, `password`), else the repository's Argo CD credentials. */
export async function gitCredentials(
  home: Cluster,
  ref: GitCredentialRef,
  appNamespace: string,
  repoCredentials: () => Promise<GitCredentials | undefined>,
): Promise<GitCredentials | undefined> {
  if (ref.kind === 'repocreds') return repoCredentials();
  const namespace = ref.namespace ?? appNamespace;
  const data = await readSecret(
    home,
    namespace,
    ref.name,
    `write-back-method git:secret:${namespace}/${ref.name}`,
  );
  if (data.username === undefined && data.password === undefined)
    throw new CredentialError(
      `git:secret:${namespace}/${ref.name}: the Secret needs username and password (SSH keys are not supported)`,
    );
  return { username: data.username, password: data.password };
}
