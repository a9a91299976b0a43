/**
 * Bare mirrors: one per repository, fetched with explicit refspecs for branches and
 * tags (deleted refs pruned), its HEAD following the remote's default branch. The
 * remote URL is passed on each command; the one in the config is informational and
 * never carries credentials.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { run, type RunResult } from '../../util/exec.js';
import { gitEnv } from './auth-env.js';
import { observeSourceRequest } from '../requests.js';

export const REFSPECS = ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'];

export interface GitRun {
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs git against the repository at `gitDir` (a local command unless told otherwise). */
export function git(
  gitDir: string,
  args: readonly string[],
  options: Partial<GitRun> = {},
): Promise<RunResult> {
  return run('git', ['--git-dir', gitDir, ...args], {
    env: options.env ?? gitEnv(),
    timeoutMs: options.timeoutMs,
  });
}

/** Creates the bare mirror at `dir` if missing; atomic, so a half-made mirror is never seen. */
export async function ensureMirror(dir: string, url: string): Promise<void> {
  if (existsSync(dir)) return;
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = `${dir}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    await run('git', ['init', '--quiet', '--bare', tmp], { env: gitEnv() });
    await git(tmp, ['config', 'remote.origin.url', url]);
    for (const refspec of REFSPECS) await git(tmp, ['config', '--add', 'remote.origin.fetch', refspec]);
    renameOrDiscard(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Renames `from` to `to`, unless `to` appeared meanwhile (another process made it). */
export function renameOrDiscard(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if (!existsSync(to)) throw err;
  }
}

/**
 * Brings the mirror up to date, creating it on first use: asks the remote for its
 * default branch (which also checks access before anything is written), then fetches
 * all branches and tags, pruning the deleted ones. Network; `options.env` carries credentials.
 */
export async function fetchMirror(dir: string, url: string, options: GitRun): Promise<void> {
  const { stdout } = await observeSourceRequest('git', 'ls-remote', () =>
    run('git', ['ls-remote', '--symref', url, 'HEAD'], options),
  );
  await ensureMirror(dir, url);
  await observeSourceRequest('git', 'fetch', () =>
    git(dir, ['fetch', '--quiet', '--prune', '--no-write-fetch-head', url, ...REFSPECS], options),
  );
  const head = /^ref: (refs\/heads\/\S+)\tHEAD$/m.exec(stdout)?.[1];
  if (head) await git(dir, ['symbolic-ref', 'HEAD', head]);
}

/**
 * Fetches what branches and tags do not bring: one commit by sha, or another ref such
 * as `refs/pull/1/head` (stored under its own name, not pruned later).
 */
export async function fetchExtra(dir: string, url: string, what: string, options: GitRun): Promise<void> {
  const refspec = what.startsWith('refs/') ? `+${what}:${what}` : what;
  await observeSourceRequest('git', 'fetch', () =>
    git(dir, ['fetch', '--quiet', '--no-write-fetch-head', url, refspec], options),
  );
}
