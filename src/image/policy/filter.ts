/**
 * Flux's `filterTags`: keep the tags the pattern matches (unanchored, like Go's
 * MatchString) and, with `extract`, compare the expanded template instead of the tag.
 */
import { TagPolicyError, type TagFilter } from './types.js';

/** Candidates for the policy: the value compared → the tag it came from. */
export function applyFilter(tags: string[], filter: TagFilter | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!filter?.pattern) {
    for (const tag of tags) out.set(tag, tag);
    return out;
  }
  const re = goRegExp(filter.pattern);
  for (const tag of tags) {
    const match = re.exec(tag);
    if (!match) continue;
    out.set(filter.extract ? expand(filter.extract, match) : tag, tag);
  }
  return out;
}

/** A Go (RE2) pattern as a JS RegExp: `(?P<name>` groups and a leading `(?i)`/`(?s)` flag group. */
export function goRegExp(pattern: string): RegExp {
  let source = pattern.replace(/\(\?P</g, '(?<');
  let flags = '';
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading) {
    flags = [...new Set(leading[1]!.replace('U', ''))].join('');
    source = source.slice(leading[0].length);
  }
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new TagPolicyError(
      'InvalidPolicy',
      `invalid regular expression pattern '${pattern}': ${(err as Error).message}`,
    );
  }
}

/**
 * Go's Regexp.Expand: `$name` (the longest run of letters, digits, `_`), `${name}`, `$1`,
 * `$$` for a dollar; a group that does not exist or did not take part expands to nothing.
 */
export function expand(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(?:\$|\{(\w+)\}|(\w+))/g, (whole, braced?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare)!;
    const value = /^\d+$/.test(name) ? match[Number(name)] : match.groups?.[name];
    return value ?? '';
  });
}
