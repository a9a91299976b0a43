/** Which credentials Argo CD uses for a repository URL. */
import { normalizeRepoURL, sameRepoURL } from './normalize.js';
import type { RepoCredentialSet, RepoCredentials } from './types.js';

/**
 * Argo CD's lookup (util/db GetRepository + repo-creds):
 *
 * 1. A `repository` Secret whose url is the same repository (see normalizeRepoURL): one
 *    scoped to `project` first, else the first one with no project. Project-scoped
 *    Secrets are only used when their project is given.
 * 2. If that Secret has no credentials of its own (or there is none), the `repo-creds`
 *    template whose normalized url is the longest prefix of the normalized repoURL lends
 *    its credentials (earlier template wins a tie). Without a repository Secret the result
 *    is `{ url: repoURL, type and enableOCI of the template, ...its credentials }`.
 *
 * Returns undefined when nothing matches (an anonymous repository).
 */
export function credentialsFor(
  repoURL: string,
  creds: RepoCredentialSet,
  project = '',
): RepoCredentials | undefined {
  const repository = findRepository(repoURL, creds.repositories, project);
  if (repository && hasCredentials(repository)) return { ...repository };
  const template = findTemplate(repoURL, creds.templates);
  if (!template) return repository && { ...repository };
  const base: RepoCredentials = repository ?? {
    url: repoURL,
    type: template.type,
    ...(template.enableOCI ? { enableOCI: true } : {}),
  };
  return copyCredentialsFrom(base, template);
}

function findRepository(
  repoURL: string,
  repositories: RepoCredentials[],
  project: string,
): RepoCredentials | undefined {
  const same = repositories.filter((r) => sameRepoURL(r.url, repoURL));
  return same.find((r) => (r.project ?? '') === project) ?? same.find((r) => !r.project);
}

/** The template with the longest normalized url that prefixes the normalized repoURL. */
export function findTemplate(repoURL: string, templates: RepoCredentials[]): RepoCredentials | undefined {
  const target = normalizeRepoURL(repoURL);
  let best: RepoCredentials | undefined;
  let bestLength = 0;
  for (const template of templates) {
    const prefix = normalizeRepoURL(template.url);
    if (prefix.length > bestLength && target.startsWith(prefix)) {
      best = template;
      bestLength = prefix.length;
    }
  }
  return best;
}

/** Argo CD's Repository.HasCredentials (plus bearerToken, which Argo CD 3 adds). */
export function hasCredentials(r: RepoCredentials): boolean {
  return Boolean(
    r.username ||
    r.password ||
    r.bearerToken ||
    r.sshPrivateKey ||
    r.tlsClientCertData ||
    r.githubAppPrivateKey,
  );
}

const CREDENTIAL_FIELDS = [
  'username',
  'password',
  'bearerToken',
  'sshPrivateKey',
  'tlsClientCertData',
  'tlsClientCertKey',
  'githubAppPrivateKey',
  'githubAppID',
  'githubAppInstallationID',
] as const;

/** Argo CD's Repository.CopyCredentialsFrom: fills only what the repository leaves empty. */
function copyCredentialsFrom(repository: RepoCredentials, template: RepoCredentials): RepoCredentials {
  const out: Record<string, unknown> = { ...repository };
  for (const field of CREDENTIAL_FIELDS) {
    if (out[field] === undefined && template[field] !== undefined) out[field] = template[field];
  }
  return out as unknown as RepoCredentials;
}
