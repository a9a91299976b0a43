/**
 * Which tag an image moves to, as Argo CD Image Updater decides: allow-tags
 * (`regexp:` or `any`), ignore-tags (globs as Go's filepath.Match), then the strategy —
 * semver (highest version, within the constraint), newest-build (most recent creation
 * date), alphabetical (last name), digest (the constraint's tag, by its current digest).
 */
import semver from 'semver';
import { ImageAnnotationError, type Strategy } from './annotations.js';

/** Keeps the tags that `allowTags` admits and no `ignore` pattern matches. */
export function filterTags(tags: string[], allowTags: string | undefined, ignore: string[]): string[] {
  const allow = allowMatcher(allowTags);
  const ignored = ignore.map(globToRegExp);
  return tags.filter((t) => allow(t) && !ignored.some((re) => re.test(t)));
}

export function allowMatcher(allowTags: string | undefined): (tag: string) => boolean {
  if (allowTags === undefined || allowTags === 'any') return () => true;
  if (!allowTags.startsWith('regexp:'))
    throw new ImageAnnotationError(`allow-tags "${allowTags}": use regexp:<expression> or any`);
  let re: RegExp;
  try {
    re = new RegExp(allowTags.slice('regexp:'.length));
  } catch (err) {
    throw new ImageAnnotationError(`allow-tags "${allowTags}": ${(err as Error).message}`);
  }
  return (tag) => re.test(tag);
}

/** Go's filepath.Match: `*` and `?` within a name, `[...]` classes, `\` escapes. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < glob.length) out += escape(glob[++i]!);
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) throw new ImageAnnotationError(`ignore-tags: "${glob}" has an unclosed [`);
      out += `[${glob.slice(i + 1, end)}]`;
      i = end;
    } else out += escape(c);
  }
  return new RegExp(`^${out}$`);
}

const escape = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A tag as a semantic version, leniently as Masterminds/semver reads it (`v1.2`, `1.2.3-rc.1`). */
export function tagVersion(tag: string): semver.SemVer | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(tag);
  if (!m) return undefined;
  return semver.parse(`${m[1]}.${m[2] ?? '0'}.${m[3] ?? '0'}${m[4] ?? ''}${m[5] ?? ''}`) ?? undefined;
}

/** A Masterminds constraint (`~1.2`, `>=1.0, <2`, `^1 || ^2`) as a node-semver range. */
export function parseConstraint(constraint: string): semver.Range {
  const range = semver.validRange(constraint.replace(/,/g, ' '));
  if (range === null) throw new ImageAnnotationError(`version constraint "${constraint}" is not valid`);
  return new semver.Range(range);
}

export interface TagCandidate {
  tag: string;
  /** Creation date (newest-build). */
  created?: Date;
  /** Manifest digest (digest strategy). */
  digest?: string;
}

export interface Choice {
  tag: string;
  digest?: string;
}

/**
 * The tag to run, or undefined when none qualifies. Without a constraint, semver
 * considers every version, pre-releases too (as Argo does); allow-tags narrows that.
 */
export function chooseTag(
  strategy: Strategy,
  candidates: TagCandidate[],
  constraint?: string,
): Choice | undefined {
  switch (strategy) {
    case 'semver':
      return newestVersion(candidates, constraint);
    case 'newest-build':
      return last(
        candidates
          .filter((c) => c.created)
          .sort((a, b) => a.created!.getTime() - b.created!.getTime() || a.tag.localeCompare(b.tag)),
      );
    case 'alphabetical':
      return last([...candidates].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0)));
    case 'digest': {
      const followed = candidates.find((c) => c.tag === constraint);
      return followed?.digest ? { tag: followed.tag, digest: followed.digest } : undefined;
    }
  }
}

function newestVersion(candidates: TagCandidate[], constraint?: string): Choice | undefined {
  const range = constraint ? parseConstraint(constraint) : undefined;
  const versions = candidates
    .map((c) => ({ tag: c.tag, version: tagVersion(c.tag) }))
    .filter((v): v is { tag: string; version: semver.SemVer } => v.version !== undefined)
    .filter((v) => !range || range.test(v.version));
  versions.sort((a, b) => semver.compare(a.version, b.version) || a.tag.localeCompare(b.tag));
  return last(versions);
}

function last<T extends { tag: string; digest?: string }>(list: T[]): Choice | undefined {
  const item = list[list.length - 1];
  return item && (item.digest ? { tag: item.tag, digest: item.digest } : { tag: item.tag });
}

/** Whether the strategy needs each tag's creation date or digest from the registry. */
export const needsMetadata = (strategy: Strategy): boolean => strategy === 'newest-build';
