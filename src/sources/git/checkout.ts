/**
 * Checkouts: a commit's tree written to a folder from the mirror, with `git read-tree`
 * into a throwaway index and `git checkout-index` (not `git archive`, whose
 * `export-ignore` and `export-subst` attributes would change the content; symlinks and
 * executable bits are kept). No `.git` inside. Written beside the target and renamed
 * into place, so a folder that exists is complete; it is never modified afterwards.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gitEnv } from './auth-env.js';
import { git, renameOrDiscard } from './mirror.js';

/** Writes the tree of commit `sha` (present in the mirror `gitDir`) to `dest`, unless there already. */
export async function checkoutTree(gitDir: string, sha: string, dest: string): Promise<void> {
  if (existsSync(dest)) return;
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = `${dest}.tmp-${randomBytes(6).toString('hex')}`;
  const env = { ...gitEnv(), GIT_INDEX_FILE: `${tmp}.index` };
  try {
    mkdirSync(tmp);
    await git(gitDir, ['--work-tree', tmp, 'read-tree', sha], { env });
    await git(gitDir, ['--work-tree', tmp, 'checkout-index', '--all', '--force'], { env });
    renameOrDiscard(tmp, dest);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(`${tmp}.index`, { force: true });
  }
}
