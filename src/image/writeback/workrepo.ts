/**
 * A throwaway working clone for one write-back: fetch a branch, reset to it, commit, push.
 * Every network command gets the credentials through the environment (gitEnv), never on a
 * command line; failures become scrubbed GitErrors. Hooks and the user's signing and
 * line-ending settings are switched off so the commit holds exactly what the edit wrote.
 */
import { CommandError, run } from '../../util/exec.js';
import { gitEnv, secretsOf, type GitCredentials } from '../../sources/git/auth-env.js';
import { toGitError } from '../../sources/git/errors.js';
import { scrub } from '../../sources/git/url.js';
import { WriteBackError } from './errors.js';

const LOCAL_CONFIG = [
  '-c',
  'core.autocrlf=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'commit.gpgsign=false',
];

/** git's words for a push refused because the remote branch moved (not for a hook's refusal). */
const MOVED =
  /\[rejected\][^\n]*\((fetch first|non-fast-forward|stale info)\)|\[remote rejected\][^\n]*(cannot lock ref|failed to update ref)/;

export class PushRejected extends Error {
  constructor() {
    super('the remote branch moved');
    this.name = 'PushRejected';
  }
}

export interface Identity {
  name: string;
  email: string;
}

export class WorkRepo {
  private readonly env: NodeJS.ProcessEnv;
  private readonly secrets: string[];

  constructor(
    readonly dir: string,
    /** The URL without credentials. */
    private readonly url: string,
    credentials: GitCredentials | undefined,
  ) {
    this.env = gitEnv(credentials);
    this.secrets = secretsOf(credentials);
  }

  private git(args: string[], extra: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<string> {
    return run('git', ['-C', this.dir, ...LOCAL_CONFIG, ...args], {
      env: extra.env ?? this.env,
      input: extra.input,
      timeoutMs: 300_000,
    }).then((r) => r.stdout);
  }

  private async network(args: string[]): Promise<string> {
    try {
      return await this.git(args);
    } catch (err) {
      throw toGitError(err, this.url, this.secrets);
    }
  }

  async init(): Promise<void> {
    await run('git', ['init', '--quiet', this.dir], { env: this.env });
  }

  /** Fetches `branch` into `refs/remotes/origin/<branch>`; returns its commit, or undefined if the remote has no such branch. */
  async fetchBranch(branch: string): Promise<string | undefined> {
    const listed = await this.network(['ls-remote', '--heads', this.url, `refs/heads/${branch}`]);
    if (!listed.trim()) return undefined;
    await this.network([
      'fetch',
      '--quiet',
      '--no-tags',
      this.url,
      `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
    ]);
    return (await this.git(['rev-parse', `refs/remotes/origin/${branch}`])).trim();
  }

  /** Makes local `branch` point at `sha` with a clean worktree matching it. */
  async resetTo(branch: string, sha: string): Promise<void> {
    await this.git(['checkout', '--quiet', '--force', '-B', branch, sha]);
    await this.git(['clean', '-fdxq']);
  }

  /**
   * Commits everything the edit changed as `author` (also the committer, as Flux does).
   * Returns the new commit, or undefined when the tree is unchanged (no empty commits).
   */
  async commit(
    message: string,
    author: Identity,
    signing?: { gitConfig: string[]; env: NodeJS.ProcessEnv },
  ): Promise<string | undefined> {
    await this.git(['add', '--all']);
    const status = await this.git(['status', '--porcelain']);
    if (!status.trim()) return undefined;
    const env = {
      ...this.env,
      ...(signing ? { GNUPGHOME: signing.env.GNUPGHOME } : {}),
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    };
    const sign = signing ? [...signing.gitConfig, 'commit', '-S'] : ['commit'];
    await this.git([...sign, '--quiet', '--no-verify', '--cleanup=verbatim', '--file', '-'], {
      env,
      input: message,
    });
    return (await this.git(['rev-parse', 'HEAD'])).trim();
  }

  /** The files a commit changed, relative to the repository root. */
  async filesOf(commit: string): Promise<string[]> {
    const out = await this.git(['diff-tree', '--no-commit-id', '--name-only', '-r', commit]);
    return out.split('\n').filter(Boolean);
  }

  /** Pushes (never forced). Throws PushRejected when a target branch moved, WriteBackError otherwise. */
  async push(refspecs: string[]): Promise<void> {
    try {
      await this.git(['push', '--porcelain', '--no-verify', this.url, ...refspecs]);
    } catch (err) {
      const text = err instanceof CommandError ? `${err.stdout}\n${err.stderr}` : String(err);
      if (MOVED.test(text)) throw new PushRejected();
      if (/\[remote rejected\]/.test(text)) {
        const reason = /\[remote rejected\][^\n]*\(([^)]*)\)/.exec(text)?.[1] ?? 'rejected';
        throw new WriteBackError(`the git server refused the push: ${scrub(reason, this.secrets)}`, false);
      }
      throw toGitError(err, this.url, this.secrets);
    }
  }
}
