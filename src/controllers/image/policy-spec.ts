/** Flux's ImagePolicy spec → the pure TagPolicy of src/image/policy (defaults as Flux: order asc). */
import type { ImagePolicySpec } from '../../api/image/index.js';
import { TagPolicyError, type TagFilter, type TagPolicy } from '../../image/policy/index.js';

export function tagPolicyOf(spec: ImagePolicySpec): TagPolicy {
  const filter: TagFilter | undefined = spec.filterTags?.pattern
    ? { pattern: spec.filterTags.pattern, extract: spec.filterTags.extract || undefined }
    : undefined;
  const { semver, alphabetical, numerical } = spec.policy;
  if (semver) return { kind: 'semver', range: semver.range, filter };
  if (alphabetical) return { kind: 'alphabetical', order: alphabetical.order ?? 'asc', filter };
  if (numerical) return { kind: 'numerical', order: numerical.order ?? 'asc', filter };
  throw new TagPolicyError(
    'InvalidPolicy',
    'spec.policy names no policy (semver, alphabetical or numerical)',
  );
}
