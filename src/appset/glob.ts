/**
 * Path patterns as the git generator matches them in Argo CD:
 * - directories: Go's path.Match (`*` and `?` stay inside one path segment, `[...]`
 *   classes with `^` negation, `\` escapes; a malformed pattern matches nothing);
 * - files: git pathspecs as `git ls-files -- PATTERN` reads them (`*` and `?` also match
 *   `/`, so `a/*.json` finds `a/b/c.json`; a literal pattern also matches everything below
 *   a directory of that name).
 */

const escapeRegex = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const escapeInClass = (c: string): string => c.replace(/[\\\]^[-]/g, '\\$&');

interface Piece {
  regex: string;
  next: number;
}

interface Dialect {
  star: string;
  any: string;
  negations: string;
}

/** One character inside `[...]`, a `\` escape resolved: the character and the index after it. */
function classChar(pattern: string, i: number): [string, number] | undefined {
  const c = pattern[i];
  if (c === undefined) return undefined;
  if (c !== '\\') return [c, i + 1];
  const escaped = pattern[i + 1];
  return escaped === undefined ? undefined : [escaped, i + 2];
}

/** A character or a range `a-z` inside `[...]`. */
function classItem(pattern: string, i: number): Piece | undefined {
  const lo = classChar(pattern, i);
  if (!lo) return undefined;
  const [c, next] = lo;
  if (pattern[next] !== '-' || next + 1 >= pattern.length || pattern[next + 1] === ']')
    return { regex: escapeInClass(c), next };
  const hi = classChar(pattern, next + 1);
  return hi && { regex: `${escapeInClass(c)}-${escapeInClass(hi[0])}`, next: hi[1] };
}

/** `[...]` from just after the `[`; undefined when it is not closed or empty. */
function charClass(pattern: string, start: number, negations: string): Piece | undefined {
  const negate = negations.includes(pattern[start] ?? '');
  let i = negate ? start + 1 : start;
  let body = '';
  while (i < pattern.length && (pattern[i] !== ']' || body === '')) {
    const item = classItem(pattern, i);
    if (!item) return undefined;
    body += item.regex;
    i = item.next;
  }
  if (i >= pattern.length || body === '') return undefined;
  return { regex: `[${negate ? '^' : ''}${body}]`, next: i + 1 };
}

function piece(pattern: string, i: number, dialect: Dialect): Piece | undefined {
  const c = pattern[i] ?? '';
  if (c === '*') return { regex: dialect.star, next: i + 1 };
  if (c === '?') return { regex: dialect.any, next: i + 1 };
  if (c === '[') return charClass(pattern, i + 1, dialect.negations);
  if (c !== '\\') return { regex: escapeRegex(c), next: i + 1 };
  const escaped = pattern[i + 1];
  return escaped === undefined ? undefined : { regex: escapeRegex(escaped), next: i + 2 };
}

function compile(pattern: string, dialect: Dialect): RegExp | undefined {
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const p = piece(pattern, i, dialect);
    if (!p) return undefined;
    out += p.regex;
    i = p.next;
  }
  return new RegExp(`^${out}$`, 'su');
}

const goDialect: Dialect = { star: '[^/]*', any: '[^/]', negations: '^' };
const gitDialect: Dialect = { star: '.*', any: '.', negations: '!^' };

/** Go's path.Match; false for a malformed pattern (Argo CD logs it and skips the path). */
export function goPathMatch(pattern: string, path: string): boolean {
  return compile(pattern, goDialect)?.test(path) ?? false;
}

/** Whether `git ls-files -- pattern` would list `path` (a path relative to the repository root). */
export function gitPathspecMatch(pattern: string, path: string): boolean {
  const literal = pattern.replace(/\/+$/, '');
  if (path === literal || path.startsWith(`${literal}/`)) return true;
  return compile(pattern, gitDialect)?.test(path) ?? false;
}
