/** Reading a mirror: revisions to commits, tags, commit details. Local, no network. */
import { git } from './mirror.js';

export interface Resolved {
  sha: string;
  /** `refs/heads/main`, `refs/tags/v1.2.0`, another `refs/...`, or the sha itself. */
  ref: string;
}

const FULL_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;
/** Short shas as Argo CD accepts them: at least 7 hex digits. */
const SHORT_SHA = /^[0-9a-f]{7,63}$/i;

export const isFullSha = (revision: string): boolean => FULL_SHA.test(revision);

/** A ref name for the mirror to fetch on its own (not a branch or tag, no pattern). */
export const isExtraRef = (revision: string): boolean =>
  /^refs\/(?!heads\/|tags\/)[^*:\s]+$/.test(revision) && !revision.includes('..');

/**
 * Resolves `revision` in the mirror at `dir`: '' or 'HEAD' (the default branch), a full
 * ref, a branch, then a tag of that name (Argo CD's order), then a full or short sha.
 * Undefined when nothing matches.
 */
export async function resolveLocal(dir: string, revision: string): Promise<Resolved | undefined> {
  const refs = await listRefs(dir);
  const ref = await refFor(dir, revision, refs);
  if (ref) {
    const sha = refs.get(ref) ?? (await commitOf(dir, ref));
    return sha ? { sha, ref } : undefined;
  }
  if (!SHORT_SHA.test(revision)) return undefined;
  const sha = await commitOf(dir, revision);
  return sha ? { sha, ref: sha } : undefined;
}

async function refFor(dir: string, revision: string, refs: Map<string, string>): Promise<string | undefined> {
  if (revision === '' || revision === 'HEAD') {
    const head = await git(dir, ['symbolic-ref', '--quiet', 'HEAD']).catch(() => undefined);
    const name = head?.stdout.trim();
    return name && refs.has(name) ? name : undefined;
  }
  if (revision.startsWith('refs/')) return refs.has(revision) ? revision : undefined;
  return [`refs/heads/${revision}`, `refs/tags/${revision}`].find((r) => refs.has(r));
}

/** Every ref of the mirror with its commit ('' when the ref is not a plain commit or tag of one). */
export async function listRefs(dir: string): Promise<Map<string, string>> {
  const format = '%(refname)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)';
  const { stdout } = await git(dir, ['for-each-ref', `--format=${format}`]);
  const refs = new Map<string, string>();
  for (const line of stdout.split('\n').filter(Boolean)) {
    const [name = '', type, object = '', peeledType, peeled = ''] = line.split('\0');
    const sha = type === 'commit' ? object : peeledType === 'commit' ? peeled : '';
    refs.set(name, sha);
  }
  return refs;
}

/** The full sha of the commit `name` (an existing ref or a hex sha) points at, if present. */
export async function commitOf(dir: string, name: string): Promise<string | undefined> {
  const result = await git(dir, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${name}^{commit}`,
  ]).catch(() => undefined);
  return result?.stdout.trim() || undefined;
}

/** Tag names (without refs/tags/), as git sorts them. */
export async function listTagNames(dir: string): Promise<string[]> {
  const { stdout } = await git(dir, ['for-each-ref', '--format=%(refname:strip=2)', 'refs/tags']);
  return stdout.split('\n').filter(Boolean);
}

export interface CommitInfo {
  /** `Name <email>` */
  author: string;
  /** The full message, trailing newline removed. */
  message: string;
  /** Author date, ISO 8601. */
  date: string;
}

export async function readCommit(dir: string, sha: string): Promise<CommitInfo> {
  const { stdout } = await git(dir, ['show', '--no-patch', '--format=%an <%ae>%x00%aI%x00%B', sha]);
  const [author = '', date = '', ...message] = stdout.split('\0');
  return { author, date, message: message.join('\0').replace(/\n+$/, '') };
}
