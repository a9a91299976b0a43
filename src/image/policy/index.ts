/**
 * Picks the latest tag by a Flux ImagePolicy rule: filterTags (pattern + extract), then
 * semver, alphabetical or numerical order. Pure; the controllers map their specs onto
 * TagPolicy. See README.md.
 */
import { applyFilter } from './filter.js';
import { latestAlphabetical, latestNumerical, latestSemver } from './order.js';
import { TagPolicyError, type TagPolicy } from './types.js';

export { TagPolicyError, type TagPolicy, type TagFilter, type SortOrder } from './types.js';
export { applyFilter, goRegExp, expand } from './filter.js';
export { latestSemver, latestAlphabetical, latestNumerical, semverRange, strictVersion } from './order.js';

/** The chosen tag (the original tag, also when `extract` compared another value). Throws TagPolicyError. */
export function selectTag(tags: string[], policy: TagPolicy): string {
  const candidates = applyFilter(tags, policy.filter);
  if (candidates.size === 0) {
    const why = policy.filter?.pattern
      ? `none of the ${tags.length} tags matches the filterTags pattern '${policy.filter.pattern}'`
      : 'the image repository has no tags';
    throw new TagPolicyError('NoMatch', why);
  }
  const values = [...candidates.keys()];
  const chosen = choose(values, policy);
  if (chosen === undefined) throw new TagPolicyError('NoMatch', noMatchMessage(values.length, policy));
  return candidates.get(chosen)!;
}

function choose(values: string[], policy: TagPolicy): string | undefined {
  switch (policy.kind) {
    case 'semver':
      return latestSemver(values, policy.range);
    case 'alphabetical':
      return latestAlphabetical(values, policy.order);
    case 'numerical':
      return latestNumerical(values, policy.order);
  }
}

function noMatchMessage(count: number, policy: TagPolicy): string {
  const of = `${count} ${policy.filter?.pattern ? 'filtered ' : ''}tag${count === 1 ? '' : 's'}`;
  if (policy.kind === 'semver') return `no tag of ${of} is a version in the semver range '${policy.range}'`;
  return `no tag of ${of} could be ordered ${policy.kind}ly`;
}
