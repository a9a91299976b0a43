/**
 * Whether a push moved the revision a source follows. Like Argo CD, but a full ref is
 * matched only by its own kind: `refs/tags/x` ignores a push to branch `x` (Argo CD
 * refreshes for both; the tag's commit cannot have changed).
 */
import semver from 'semver';
import type { PushEvent } from './types.js';

export function revisionMatches(targetRevision: string | undefined, event: PushEvent): boolean {
  const revision = (targetRevision ?? '').trim();
  if (revision === '' || revision === 'HEAD') return touchesDefaultBranch(event);
  if (revision.startsWith('refs/heads/')) return event.branch === revision.slice('refs/heads/'.length);
  if (revision.startsWith('refs/tags/')) return event.tag === revision.slice('refs/tags/'.length);
  if (revision.startsWith('refs/')) return event.ref === revision;
  if (revision === event.branch || revision === event.tag) return true;
  return event.tag !== undefined && isSemverRange(revision);
}

/**
 * HEAD follows the default branch. When the payload does not name it (Bitbucket Server),
 * every branch push counts, as Argo CD does: a spare refresh beats a missed one.
 */
function touchesDefaultBranch(event: PushEvent): boolean {
  if (event.branch === undefined) return false;
  return event.defaultBranch === undefined || event.branch === event.defaultBranch;
}

/**
 * A semver constraint (`^1.2`, `>=1.0.0 <2`, `1.x`, `*`) rather than one version: the
 * newest matching tag may have just been pushed. Words without a digit (`x`, `main`)
 * are branch names, not ranges.
 */
export function isSemverRange(revision: string): boolean {
  if (!/[\d*]/.test(revision)) return false;
  return semver.validRange(revision) !== null && semver.valid(revision) === null;
}
