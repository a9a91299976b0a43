/** GitSource: revisions to commits and commits to folders, over cached bare mirrors. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../../util/paths.js';
import { gitEnv, secretsOf, type GitCredentials } from './auth-env.js';
import { checkoutTree } from './checkout.js';
import { GitRevisionNotFoundError, toGitError } from './errors.js';
import { FetchGate } from './fetch-gate.js';
import { fetchExtra, fetchMirror, type GitRun } from './mirror.js';
import { commitOf, isExtraRef, isFullSha, listTagNames, readCommit, resolveLocal } from './revision.js';
import type { CommitInfo, Resolved } from './revision.js';
import { repoKey, scrub, splitCredentials } from './url.js';

export interface GitSourceOptions {
  /** Where mirrors and checkouts live; default `join(cacheDir(), 'git')`. */
  cacheDir?: string;
  /** A fetch less than this long after the last successful one is skipped unless forced; default 0. */
  minFetchIntervalMs?: number;
  /** Credentials for a repository URL (given without any user:password@); called before each network command. */
  credentialsFor?: (repoURL: string) => Promise<GitCredentials | undefined>;
  /** Called when a fetch from the remote starts (one per shared fetch): for metrics and tests. */
  onFetch?: (repoURL: string) => void;
  /** Kill a network command after this long; default 5 minutes. */
  timeoutMs?: number;
}

interface Repo {
  /** The URL without credentials: shown in messages, passed to git. */
  url: string;
  key: string;
  mirror: string;
  /** user:password@ given in the URL, used when credentialsFor has none. */
  embedded?: GitCredentials;
}

export class GitSource {
  private readonly root: string;
  private readonly gate: FetchGate;
  private readonly checkouts = new Map<string, Promise<string>>();

  constructor(private readonly options: GitSourceOptions = {}) {
    this.root = options.cacheDir ?? join(cacheDir(), 'git');
    this.gate = new FetchGate(options.minFetchIntervalMs ?? 0);
  }

  /**
   * Fetches (see FetchGate: shared, rate-limited unless `force`) and resolves `revision`:
   * a branch, a tag, a full or short (7+) sha, 'HEAD' or '' (the default branch), or a
   * `refs/...` name. A full sha already in the mirror needs no fetch.
   * @throws GitRevisionNotFoundError, GitAuthError, GitUnreachableError, GitRepositoryNotFoundError
   */
  resolve(repoURL: string, revision: string, options: { force?: boolean } = {}): Promise<Resolved> {
    return this.resolveIn(this.repo(repoURL), revision.trim(), options.force);
  }

  private async resolveIn(repo: Repo, rev: string, force = false): Promise<Resolved> {
    if (isFullSha(rev) && existsSync(repo.mirror)) {
      const sha = await commitOf(repo.mirror, rev);
      if (sha) return { sha, ref: sha };
    }
    await this.fetch(repo, force);
    const found = await resolveLocal(repo.mirror, rev);
    if (found) return found;
    if (isFullSha(rev) || isExtraRef(rev)) {
      await this.network(repo, (run) => fetchExtra(repo.mirror, repo.url, rev, run)).catch(() => undefined);
      const extra = await resolveLocal(repo.mirror, rev);
      if (extra) return extra;
    }
    throw new GitRevisionNotFoundError(repo.url, rev);
  }

  /**
   * The tree of commit `sha` (full, as `resolve` returns it) in a folder under the cache,
   * keyed by repository and sha, made once and reused. Treat it as read-only: copy it
   * before changing anything. It has no `.git`.
   */
  checkout(repoURL: string, sha: string): Promise<string> {
    const repo = this.repo(repoURL);
    if (!isFullSha(sha)) {
      return Promise.reject(new Error(`checkout needs a full commit sha (from resolve), got '${sha}'`));
    }
    const dest = join(this.root, 'checkouts', repo.key, sha.toLowerCase());
    const running = this.checkouts.get(dest);
    if (running) return running;
    const promise = (async (): Promise<string> => {
      if (!existsSync(dest)) await checkoutTree(repo.mirror, await this.ensureCommit(repo, sha), dest);
      return dest;
    })().finally(() => this.checkouts.delete(dest));
    this.checkouts.set(dest, promise);
    return promise;
  }

  /** The repository's tags (fetched as `resolve` fetches), e.g. for Flux's `ref.semver`. */
  async listTags(repoURL: string, options: { force?: boolean } = {}): Promise<string[]> {
    const repo = this.repo(repoURL);
    await this.fetch(repo, options.force);
    return listTagNames(repo.mirror);
  }

  /** Author (`Name <email>`), author date (ISO 8601) and full message of a commit. */
  async commitInfo(repoURL: string, sha: string): Promise<CommitInfo> {
    const repo = this.repo(repoURL);
    return readCommit(repo.mirror, await this.ensureCommit(repo, sha));
  }

  /** The full sha of `sha` in the mirror, fetching once if it is not there yet. */
  private async ensureCommit(repo: Repo, sha: string): Promise<string> {
    const local = existsSync(repo.mirror) ? await commitOf(repo.mirror, sha) : undefined;
    if (local) return local;
    return (await this.resolveIn(repo, sha)).sha;
  }

  private fetch(repo: Repo, force = false): Promise<void> {
    const fetch = (): Promise<void> =>
      this.network(repo, async (run) => {
        this.options.onFetch?.(repo.url);
        await fetchMirror(repo.mirror, repo.url, run);
      });
    return this.gate.run(repo.key, fetch, { force, required: !existsSync(repo.mirror) });
  }

  /** Runs a network operation with the repository's credentials; failures become GitErrors. */
  private async network<T>(repo: Repo, op: (run: GitRun) => Promise<T>): Promise<T> {
    let credentials: GitCredentials | undefined;
    try {
      credentials = (await this.options.credentialsFor?.(repo.url)) ?? repo.embedded;
      return await op({ env: gitEnv(credentials), timeoutMs: this.options.timeoutMs ?? 300_000 });
    } catch (err) {
      throw toGitError(err, repo.url, [...secretsOf(credentials), ...secretsOf(repo.embedded)]);
    }
  }

  private repo(repoURL: string): Repo {
    const { url, username, password } = splitCredentials(repoURL);
    const key = repoKey(url);
    return {
      url: scrub(url),
      key,
      mirror: join(this.root, 'mirrors', `${key}.git`),
      embedded: username || password ? { username, password } : undefined,
    };
  }
}
