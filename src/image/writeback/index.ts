/**
 * Git write-back: check out a branch in a throwaway clone, let the caller edit files,
 * commit once as the given author, push without force. When the push is rejected because
 * the branch moved, fetch the new head, edit again on it and push again (with back-off):
 * others' commits are never overwritten. Runs for one repository and branch are serialised
 * within the process. Used by Flux ImageUpdateAutomation and Argo CD Image Updater.
 *
 *   const result = await writeBack({ url, branch: 'main', author, edit, message });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitCredentials } from '../../sources/git/index.js';
import { scrub, splitCredentials } from '../../sources/git/url.js';
import type { Logger } from '../../util/log.js';
import { PushConflictError, WriteBackError } from './errors.js';
import { serialized, writeBackKey } from './serialize.js';
import { prepareSigning, type SigningSetup } from './signing.js';
import { PushRejected, WorkRepo } from './workrepo.js';

export { PushConflictError, SigningError, WriteBackError } from './errors.js';

export interface CommitAuthor {
  name: string;
  email: string;
}

export interface WriteBackOptions<T> {
  url: string;
  credentials?: GitCredentials;
  /** branch to check out */
  branch: string;
  /** push target branch (default = branch); or a full refspec */
  pushBranch?: string;
  refspec?: string;
  author: CommitAuthor;
  /** Edits files in the checkout dir; returns what changed. Empty → no commit, no push. */
  edit(dir: string): Promise<T[]>;
  message(changes: T[]): string;
  maxAttempts?: number; // push retries after the branch moved (default 5, backoff)
  signingKey?: string; // optional armored OpenPGP key; may be unsupported: then a clear error
  log?: Logger;
}

export interface WriteBackResult<T> {
  changes: T[];
  commit?: string;
  pushed: boolean;
  attempts: number;
  /** Files the commit changed, relative to the repository root (empty without a commit). */
  files?: string[];
}

interface Plan {
  /** Local branch name (the checkout branch, so refspecs naming it see the new commit). */
  local: string;
  /** Branch whose head the edit starts from: the push branch when it exists, else the checkout branch. */
  candidates: string[];
  refspecs: string[];
  target: string;
}

function planOf<T>(options: WriteBackOptions<T>): Plan {
  const { branch, refspec } = options;
  const pushBranch = options.pushBranch || (refspec ? undefined : branch);
  if (refspec?.startsWith('+')) {
    throw new WriteBackError(`refspec '${refspec}' forces the push; Ferry never force-pushes`, false);
  }
  const refspecs = [...(pushBranch ? [`HEAD:refs/heads/${pushBranch}`] : []), ...(refspec ? [refspec] : [])];
  const candidates = pushBranch && pushBranch !== branch ? [pushBranch, branch] : [branch];
  return { local: branch, candidates, refspecs, target: pushBranch ?? refspec ?? branch };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Back-off before attempt `n` (2, 3, …): 250 ms doubling with jitter, at most 8 s. */
export function backoffMs(n: number, random: () => number = Math.random): number {
  return Math.min(250 * 2 ** (n - 2), 8000) * (0.75 + random() / 2);
}

async function baseCommit(repo: WorkRepo, plan: Plan): Promise<string> {
  for (const branch of plan.candidates) {
    const sha = await repo.fetchBranch(branch);
    if (sha) return sha;
  }
  throw new WriteBackError(`branch '${plan.local}' not found in the repository`, false);
}

export async function writeBack<T>(options: WriteBackOptions<T>): Promise<WriteBackResult<T>> {
  const plan = planOf(options);
  const url = splitCredentials(options.url).url;
  return await serialized(writeBackKey(url, plan.target), () => attemptAll(options, plan));
}

async function attemptAll<T>(options: WriteBackOptions<T>, plan: Plan): Promise<WriteBackResult<T>> {
  const split = splitCredentials(options.url);
  const embedded =
    split.username || split.password ? { username: split.username, password: split.password } : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'ferry-writeback-'));
  const repo = new WorkRepo(dir, split.url, options.credentials ?? embedded);
  let signing: SigningSetup | undefined;
  try {
    await repo.init();
    if (options.signingKey) signing = await prepareSigning(options.signingKey);
    const max = Math.max(1, options.maxAttempts ?? 5);
    for (let attempt = 1; attempt <= max; attempt++) {
      if (attempt > 1) await sleep(backoffMs(attempt));
      const outcome = await attemptOnce(options, plan, repo, signing);
      if (outcome !== 'moved') return { ...outcome, attempts: attempt };
      options.log?.info('push rejected: the branch moved; fetching and editing again', {
        url: scrub(split.url),
        target: plan.target,
        attempt,
      });
    }
    throw new PushConflictError(plan.target, max);
  } finally {
    await signing?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function attemptOnce<T>(
  options: WriteBackOptions<T>,
  plan: Plan,
  repo: WorkRepo,
  signing: SigningSetup | undefined,
): Promise<Omit<WriteBackResult<T>, 'attempts'> | 'moved'> {
  await repo.resetTo(plan.local, await baseCommit(repo, plan));
  const changes = await options.edit(repo.dir);
  if (changes.length === 0) return { changes, pushed: false };
  const commit = await repo.commit(options.message(changes), options.author, signing);
  if (!commit) return { changes, pushed: false };
  try {
    await repo.push(plan.refspecs);
  } catch (err) {
    if (err instanceof PushRejected) return 'moved';
    throw err;
  }
  const files = await repo.filesOf(commit);
  options.log?.info('pushed commit', {
    url: scrub(splitCredentials(options.url).url),
    target: plan.target,
    commit,
    files: files.join(','),
  });
  return { changes, commit, pushed: true, files };
}
