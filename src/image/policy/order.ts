/**
 * The three orders Flux's ImagePolicy knows. Each takes the candidate values and returns
 * the chosen one, or undefined when none qualifies.
 */
import semver from 'semver';
import { TagPolicyError, type SortOrder } from './types.js';

/**
 * The highest version in a Masterminds-style constraint, reading tags as Flux does
 * (strict semver, optional leading `v`; `1.2` is not a version). Prereleases count only
 * when the constraint names one (`^1.x-0`), as in Masterminds/semver.
 */
export function latestSemver(values: string[], range: string): string | undefined {
  const parsed = semverRange(range);
  let best: { value: string; version: semver.SemVer } | undefined;
  for (const value of values) {
    const version = strictVersion(value);
    if (!version || !parsed.range.test(version)) continue;
    if (!best || semver.gt(version, best.version)) best = { value, version };
  }
  return best?.value;
}

export function semverRange(range: string): { range: semver.Range; includePrerelease: boolean } {
  // `1.0.0-0` or `1.x-0`: a version directly followed by a prerelease.
  const includePrerelease = /\d(?:\.(?:\d+|[xX*]))*-[0-9A-Za-z]/.test(range);
  const translated = range
    .replace(/,/g, ' ') // Masterminds: a comma means AND
    .replace(/((?:^|[^\d.])\d+(?:\.\d+)*(?:\.[xX*])+)-0\b/g, '$1'); // `1.x-0`: node has no prerelease x-ranges
  try {
    return { range: new semver.Range(translated, { includePrerelease }), includePrerelease };
  } catch {
    throw new TagPolicyError('InvalidPolicy', `invalid semver range '${range}'`);
  }
}

/** Flux's ParseVersion: strict semver after an optional `v`. */
export function strictVersion(tag: string): semver.SemVer | undefined {
  const bare = tag.startsWith('v') ? tag.slice(1) : tag;
  if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(bare)) return undefined;
  return semver.parse(bare) ?? undefined;
}

/** Byte-wise order as Go's sort.Strings: asc picks the last, desc the first. */
export function latestAlphabetical(values: string[], order: SortOrder): string | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return order === 'desc' ? sorted[0] : sorted[sorted.length - 1];
}

/** Every value must be a number (as Flux: one that is not fails the policy); asc picks the largest. */
export function latestNumerical(values: string[], order: SortOrder): string | undefined {
  let best: { value: string; n: number } | undefined;
  for (const value of values) {
    const n = value.trim() === '' ? NaN : Number(value);
    if (Number.isNaN(n)) {
      throw new TagPolicyError(
        'InvalidPolicy',
        `tag '${value}' is not a number; numerical order needs numeric tags (use filterTags to pick them)`,
      );
    }
    if (!best || (order === 'asc' ? n >= best.n : n <= best.n)) best = { value, n };
  }
  return best?.value;
}
