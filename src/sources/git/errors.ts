/**
 * Errors of the git source, worded for an Application's or GitRepository's status.
 * Messages and causes carry no credentials. `retryable` says whether trying again
 * later can help (the network) or not (wrong credentials, a missing revision).
 */
import { CommandError } from '../../util/exec.js';
import { scrub } from './url.js';

export class GitError extends Error {
  override name = 'GitError';
  constructor(
    message: string,
    readonly repoURL: string,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class GitAuthError extends GitError {
  override name = 'GitAuthError';
  constructor(repoURL: string, options?: ErrorOptions) {
    super(`authentication failed for ${repoURL}: check the repository credentials`, repoURL, false, options);
  }
}

export class GitUnreachableError extends GitError {
  override name = 'GitUnreachableError';
  constructor(repoURL: string, reason: string, options?: ErrorOptions) {
    super(`cannot reach ${repoURL}: ${reason}`, repoURL, true, options);
  }
}

export class GitRepositoryNotFoundError extends GitError {
  override name = 'GitRepositoryNotFoundError';
  constructor(repoURL: string, options?: ErrorOptions) {
    super(`repository ${repoURL} not found: check the URL and the credentials`, repoURL, false, options);
  }
}

export class GitRevisionNotFoundError extends GitError {
  override name = 'GitRevisionNotFoundError';
  constructor(
    repoURL: string,
    readonly revision: string,
    options?: ErrorOptions,
  ) {
    super(
      `revision '${revision}' not found in ${repoURL}: no branch, tag or commit by that name`,
      repoURL,
      false,
      options,
    );
  }
}

const AUTH =
  /authentication failed|could not read (username|password)|terminal prompts disabled|returned error: 40[13]|permission denied \(publickey|invalid username or password/i;
const NOT_FOUND =
  /repository '[^']*' not found|repository not found|returned error: 404|does not appear to be a git repository/i;
const UNREACHABLE =
  /could not resolve host|could not resolve hostname|failed to connect|couldn't connect|connection refused|connection reset|connection timed out|timed out|network is unreachable|no route to host|ssl|certificate|empty reply from server|returned error: 5\d\d/i;

/**
 * Turns a failed git command against `repoURL` into a typed error. `secrets` (the
 * password, the auth header) are removed from the cause's text, as are URL credentials.
 */
export function toGitError(err: unknown, repoURL: string, secrets: readonly string[] = []): GitError {
  if (err instanceof GitError) return err;
  const url = scrub(repoURL, secrets);
  const cause = scrubbed(err, secrets);
  const text = textOf(cause);
  const options = { cause };
  if (AUTH.test(text)) return new GitAuthError(url, options);
  if (NOT_FOUND.test(text)) return new GitRepositoryNotFoundError(url, options);
  if (UNREACHABLE.test(text)) return new GitUnreachableError(url, reasonOf(text), options);
  if (cause instanceof CommandError && cause.exitCode === null && !text.includes('ENOENT')) {
    return new GitUnreachableError(url, 'git did not finish in time', options);
  }
  return new GitError(`git failed for ${url}: ${reasonOf(text)}`, url, true, options);
}

function textOf(cause: unknown): string {
  if (cause instanceof CommandError) return cause.stderr || cause.stdout;
  return cause instanceof Error ? cause.message : String(cause);
}

/** The most telling line of git's stderr, without the `fatal: unable to access '…':` preamble. */
function reasonOf(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[lines.length - 1] ?? 'unknown error';
  return line.replace(/^(fatal|error):\s*/, '').replace(/^unable to access '[^']*':\s*/, '');
}

function scrubbed(err: unknown, secrets: readonly string[]): unknown {
  if (err instanceof CommandError) {
    const s = (t: string): string => scrub(t, secrets);
    return new CommandError(s(err.command), err.exitCode, s(err.stderr), s(err.stdout));
  }
  if (err instanceof Error) {
    const copy = new Error(scrub(err.message, secrets));
    copy.name = err.name;
    return copy;
  }
  return new Error(scrub(String(err), secrets));
}
