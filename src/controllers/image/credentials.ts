/**
 * Registry options of an ImageRepository: `insecure` and the credentials of its
 * `secretRef` (a kubernetes.io/dockerconfigjson Secret, as Flux expects; a Secret with
 * `username`/`password` keys is read too). Values never leave this module except as the
 * auth handed to the registry client.
 */
import type { ImageRepository } from '../../api/image/index.js';
import type { Cluster } from '../../kube/cluster.js';
import {
  authFromDockerConfig,
  parseImageRef,
  type RegistryRequestOptions,
} from '../../sources/registry/index.js';
import { readSecret } from '../flux/secrets.js';

export class CredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsError';
  }
}

export async function registryOptions(home: Cluster, repo: ImageRepository): Promise<RegistryRequestOptions> {
  const options: RegistryRequestOptions = { insecure: repo.spec.insecure === true };
  const secretName = repo.spec.secretRef?.name;
  if (!secretName) return options;
  const namespace = repo.metadata.namespace ?? 'default';
  let data: Record<string, string>;
  try {
    data = await readSecret(home, namespace, secretName);
  } catch (err) {
    throw new CredentialsError(`secretRef: ${(err as Error).message}`);
  }
  const registry = parseImageRef(repo.spec.image).registry;
  if (data['.dockerconfigjson']) {
    let auth;
    try {
      auth = authFromDockerConfig(data['.dockerconfigjson'], registry);
    } catch (err) {
      throw new CredentialsError(`secret '${secretName}': ${(err as Error).message}`);
    }
    if (!auth)
      throw new CredentialsError(`secret '${secretName}': .dockerconfigjson has no entry for ${registry}`);
    return { ...options, auth };
  }
  if (data.username !== undefined && data.password !== undefined) {
    return { ...options, auth: { username: data.username, password: data.password } };
  }
  throw new CredentialsError(
    `secret '${secretName}': expected a .dockerconfigjson (kubernetes.io/dockerconfigjson)`,
  );
}
