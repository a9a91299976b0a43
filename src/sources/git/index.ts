/**
 * The Git source: fetches repositories with the real git CLI into cached bare mirrors,
 * resolves revisions to commits and checks commits out into cached folders. See
 * README.md for the cache layout and how credentials are kept out of URLs and logs.
 *
 *   const git = new GitSource({ credentialsFor: async (url) => lookUp(url) });
 *   const { sha } = await git.resolve(repoURL, 'main');
 *   const dir = await git.checkout(repoURL, sha);
 */
export { GitSource, type GitSourceOptions } from './source.js';
export type { GitCredentials } from './auth-env.js';
export type { CommitInfo, Resolved } from './revision.js';
export {
  GitAuthError,
  GitError,
  GitRepositoryNotFoundError,
  GitRevisionNotFoundError,
  GitUnreachableError,
} from './errors.js';
export { normalizeForCache, repoKey } from './url.js';
