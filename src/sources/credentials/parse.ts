/** Reading Argo CD repository Secrets (`repository` and `repo-creds`) into plain credentials. */
import type { KubeObject } from '../../kube/object.js';
import type { RepoCredentialSet, RepoCredentials } from './types.js';

export const SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';

/**
 * Splits Secrets labelled `argocd.argoproj.io/secret-type: repository | repo-creds` into
 * repositories and templates. `.data` is base64 as the API returns it; `.stringData`
 * (as written in Git) wins over `.data` key by key, as the API server merges them.
 * Other objects, other secret types and Secrets without a `url` are skipped.
 */
export function parseRepoSecrets(secrets: KubeObject[]): RepoCredentialSet {
  const set: RepoCredentialSet = { repositories: [], templates: [] };
  for (const secret of secrets) {
    if (secret.kind !== 'Secret') continue;
    const secretType = secret.metadata.labels?.[SECRET_TYPE_LABEL];
    if (secretType !== 'repository' && secretType !== 'repo-creds') continue;
    const creds = toCredentials(secretData(secret));
    if (!creds) continue;
    if (secretType === 'repository') set.repositories.push(creds);
    else set.templates.push(creds);
  }
  return set;
}

/** The Secret's keys as strings: base64-decoded `.data`, overlaid with `.stringData`. */
export function secretData(secret: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(stringMap(secret.data))) {
    out[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  return { ...out, ...stringMap(secret.stringData) };
}

function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

function toCredentials(data: Record<string, string>): RepoCredentials | undefined {
  if (!data.url) return undefined;
  const type = data.type?.toLowerCase();
  const creds: RepoCredentials = {
    url: data.url,
    // Argo CD 3's `oci` type is a registry too: its credentials are used like Helm OCI ones.
    type: type === 'helm' || type === 'oci' ? 'helm' : 'git',
    username: data.username,
    password: data.password,
    bearerToken: data.bearerToken,
    insecure: parseBool(data.insecure) || parseBool(data.insecureIgnoreHostKey),
    enableOCI: parseBool(data.enableOCI) || type === 'oci',
    name: data.name,
    project: data.project,
    tlsClientCertData: data.tlsClientCertData,
    tlsClientCertKey: data.tlsClientCertKey,
    sshPrivateKey: data.sshPrivateKey,
    githubAppPrivateKey: data.githubAppPrivateKey,
    githubAppID: parseIntOrUndefined(data.githubAppID),
    githubAppInstallationID: parseIntOrUndefined(data.githubAppInstallationID),
  };
  return dropEmpty(creds);
}

/** Go's strconv.ParseBool; what it rejects (Argo CD reports a configuration error) is false here. */
function parseBool(value: string | undefined): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value ?? '');
}

function parseIntOrUndefined(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/** Absent and empty values are the same to Argo CD; keep the objects small and comparable. */
function dropEmpty(creds: RepoCredentials): RepoCredentials {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(creds)) {
    if (value !== undefined && value !== '' && value !== false) out[key] = value;
  }
  return out as unknown as RepoCredentials;
}
