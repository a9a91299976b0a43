/**
 * GitRepository (source.toolkit.fluxcd.io/v1): resolves `spec.ref` (commit, name, semver,
 * tag, branch: Flux's precedence; no ref means branch `master`, as Flux) with the git
 * source, and publishes the commit's checkout folder as the artifact with Flux's revision
 * format (`main@sha1:<sha>`, `v1.0.0@sha1:<sha>`, `sha1:<sha>`). The checkout is the one
 * the engine's GitSource caches: reusable by any consumer through `artifactDir`.
 */
import semver from 'semver';
import { SOURCE_API_VERSION, validateGitRepository, type GitRepository } from '../../api/flux/index.js';
import type { GitSource } from '../../sources/git/index.js';
import { GitAuthError } from '../../sources/git/index.js';
import type { GitCredentials } from '../../sources/git/index.js';
import { folderDigest } from './artifacts.js';
import { readSecret } from './secrets.js';
import {
  SourceFetchError,
  type FetchResult,
  type SourceDeps,
  type SourceKindHandler,
} from './source-reconcile.js';

export interface GitRepositoryDeps extends SourceDeps {
  git: GitSource;
  /** Credentials the shared GitSource hands to git for a URL (filled from secretRefs). */
  credentials: Map<string, GitCredentials>;
}

export interface GitTarget {
  /** What to resolve with GitSource. */
  revision: string;
  /** The name in the artifact revision (`main`, `v1.0.0`, `refs/pull/1/head`), or '' for a bare commit. */
  label: string;
}

/** The revision to resolve for a ref, in Flux's precedence (semver needs the tags). */
export function gitTarget(
  ref: GitRepository['spec']['ref'],
  tags: () => Promise<string[]>,
): Promise<GitTarget> {
  if (ref?.commit) return Promise.resolve({ revision: ref.commit, label: ref.branch ?? '' });
  if (ref?.name) return Promise.resolve({ revision: ref.name, label: ref.name });
  if (ref?.semver) return semverTarget(ref.semver, tags);
  if (ref?.tag) return Promise.resolve({ revision: `refs/tags/${ref.tag}`, label: ref.tag });
  const branch = ref?.branch || 'master';
  return Promise.resolve({ revision: `refs/heads/${branch}`, label: branch });
}

async function semverTarget(range: string, tags: () => Promise<string[]>): Promise<GitTarget> {
  if (!semver.validRange(range)) {
    throw new SourceFetchError(
      'GitOperationFailed',
      `invalid semver range '${range}' in spec.ref.semver`,
      true,
    );
  }
  const candidates = (await tags()).filter((t) => semver.valid(t));
  const best = semver.maxSatisfying(candidates, range);
  if (!best) throw new SourceFetchError('GitOperationFailed', `no tag matches semver range '${range}'`);
  return { revision: `refs/tags/${best}`, label: best };
}

/** Flux's artifact revision: `<label>@sha1:<sha>`, or `sha1:<sha>` for a bare commit. */
export function gitRevision(label: string, sha: string): string {
  const algo = sha.length === 64 ? 'sha256' : 'sha1';
  return label ? `${label}@${algo}:${sha}` : `${algo}:${sha}`;
}

async function credentialsOf(
  deps: GitRepositoryDeps,
  repo: GitRepository,
): Promise<GitCredentials | undefined> {
  const name = repo.spec.secretRef?.name;
  if (!name) return undefined;
  const data = await readSecret(deps.home, repo.metadata.namespace ?? 'default', name).catch((err: Error) => {
    throw new SourceFetchError('AuthenticationFailed', err.message);
  });
  return { username: data.username, password: data.password ?? data.bearerToken };
}

export function gitRepositoryHandler(
  deps: GitRepositoryDeps,
  onNewArtifact?: (repo: GitRepository) => void,
): SourceKindHandler<GitRepository> {
  return {
    apiVersion: SOURCE_API_VERSION,
    kind: 'GitRepository',
    failureReason: 'GitOperationFailed',
    validate: (obj) => validateGitRepository(obj).errors,
    onNewArtifact: (repo) => onNewArtifact?.(repo),
    async fetch(repo): Promise<FetchResult> {
      const url = repo.spec.url;
      const creds = await credentialsOf(deps, repo);
      if (creds) deps.credentials.set(url, creds);
      else deps.credentials.delete(url);
      try {
        const target = await gitTarget(repo.spec.ref, () => deps.git.listTags(url));
        const { sha } = await deps.git.resolve(url, target.revision, { force: true });
        const dir = await deps.git.checkout(url, sha);
        const revision = gitRevision(target.label, sha);
        return {
          artifact: { dir, revision, digest: folderDigest(dir) },
          message: `stored artifact for revision '${revision}'`,
        };
      } catch (err) {
        if (err instanceof SourceFetchError) throw err;
        const reason = err instanceof GitAuthError ? 'AuthenticationFailed' : 'GitOperationFailed';
        throw new SourceFetchError(reason, (err as Error).message, false, { cause: err });
      }
    },
  };
}
