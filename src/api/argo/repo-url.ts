/**
 * Repository URLs in the form Argo CD compares them for project source rules: trimmed,
 * lower-cased, without a trailing `.git`, and with SSH URLs written alike whether given as
 * `git@host:org/repo` or `ssh://git@host/org/repo` (both become `git@host/org/repo`).
 */

/** `user@host:path`, where the part after the colon is a path and not a port. */
const SCP_LIKE = /^[^/:@]+@[^/:]+:(?!\d+(?:\/|$))/;

export function normalizeRepoURL(url: string): string {
  let repo = url.trim().toLowerCase();
  if (repo.startsWith('ssh://')) repo = repo.slice('ssh://'.length);
  if (SCP_LIKE.test(repo)) repo = repo.replace(':', '/');
  return repo.endsWith('.git') ? repo.slice(0, -'.git'.length) : repo;
}
