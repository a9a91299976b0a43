/** A tag selection policy, as Flux's ImagePolicy `spec.policy` + `spec.filterTags` say it. */
export type SortOrder = 'asc' | 'desc';

export type TagPolicy =
  | { kind: 'semver'; range: string; filter?: TagFilter }
  | { kind: 'alphabetical'; order: SortOrder; filter?: TagFilter }
  | { kind: 'numerical'; order: SortOrder; filter?: TagFilter };

export interface TagFilter {
  /** A regular expression (Go syntax as Flux takes it: `(?P<name>…)` groups, `(?i)` prefix). */
  pattern: string;
  /** A template like `$timestamp` or `${1}` giving the value the policy compares instead of the tag. */
  extract?: string;
}

/**
 * Why no tag was chosen. `InvalidPolicy`: the spec itself is wrong (bad range, bad regexp,
 * a tag that numerical order cannot read); `NoMatch`: the policy is fine but no tag fits.
 */
export class TagPolicyError extends Error {
  constructor(
    readonly reason: 'InvalidPolicy' | 'NoMatch',
    message: string,
  ) {
    super(message);
    this.name = 'TagPolicyError';
  }
}
