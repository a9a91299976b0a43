/**
 * Glob matching as Argo CD does it for projects (gobwas/glob): `*` matches any run of characters
 * except the separators, `**` any run at all, `?` one non-separator character, `[abc]`/`[a-z]`
 * (`[!…]` or `[^…]` negated) one character of a set, `{a,b}` either alternative, and `\`
 * escapes the next character. Without separators `*` and `**` are the same.
 */
const compiled = new Map<string, RegExp>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function anyChar(separators: string): string {
  return separators === '' ? '[\\s\\S]' : `[^${escapeRegExp(separators)}]`;
}

/** The closing index of a bracket or brace group opened at `start`, or -1. */
function closing(pattern: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === open) depth++;
    else if (pattern[i] === close && --depth === 0) return i;
  }
  return -1;
}

function charClass(body: string): string {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = (negated ? body.slice(1) : body).replace(/[\\\]^[]/g, '\\$&');
  return `[${negated ? '^' : ''}${members}]`;
}

/** Splits `a,b{c,d}` at top-level commas. */
function alternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, body.slice(start)];
}

function stars(pattern: string, i: number, separators: string): [string, number] {
  let end = i;
  while (pattern[end] === '*') end++;
  return [end - i > 1 ? '[\\s\\S]*' : `${anyChar(separators)}*`, end];
}

/** A `[...]` set or `{a,b}` alternation opened at `i`, or undefined when it is never closed. */
function group(pattern: string, i: number, separators: string): [string, number] | undefined {
  const open = pattern[i] ?? '';
  const end = closing(pattern, i, open, open === '[' ? ']' : '}');
  if (end <= i + 1) return undefined;
  const body = pattern.slice(i + 1, end);
  if (open === '[') return [charClass(body), end + 1];
  const options = alternatives(body).map((alt) => source(alt, separators));
  return [`(?:${options.join('|')})`, end + 1];
}

/** One token of the pattern at `i`: its regular expression and the index after it. */
function token(pattern: string, i: number, separators: string): [string, number] {
  const c = pattern[i] ?? '';
  if (c === '*') return stars(pattern, i, separators);
  if (c === '?') return [anyChar(separators), i + 1];
  if (c === '\\' && i + 1 < pattern.length) return [escapeRegExp(pattern[i + 1] ?? ''), i + 2];
  const grouped = c === '[' || c === '{' ? group(pattern, i, separators) : undefined;
  return grouped ?? [escapeRegExp(c), i + 1];
}

function source(pattern: string, separators: string): string {
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const [piece, next] = token(pattern, i, separators);
    out += piece;
    i = next;
  }
  return out;
}

/** Whether `value` matches the glob `pattern` in full. */
export function globMatch(pattern: string, value: string, separators = ''): boolean {
  const key = `${separators}\u0000${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    re = new RegExp(`^${source(pattern, separators)}$`);
    compiled.set(key, re);
  }
  return re.test(value);
}
