/**
 * Argo CD's project-role policies, evaluated as Argo's Casbin model does:
 * `p, <subject>, <resource>, <action>, <object>, <effect>` lines; a request is allowed when
 * some line for its subject matches with `allow` and none matches with `deny` (deny wins).
 * Resource, action and object match as globs (`*` any run of characters, `/` included;
 * `?` one character; `{a,b}` alternatives). Pure functions.
 */

export interface PolicyLine {
  subject: string;
  resource: string;
  action: string;
  object: string;
  effect: 'allow' | 'deny';
}

export interface AccessRequest {
  subject: string;
  resource: string;
  action: string;
  object: string;
}

/** A `p, …` line, or undefined when it is not one (such lines grant nothing). */
export function parsePolicy(line: string): PolicyLine | undefined {
  const parts = line.split(',').map((p) => p.trim());
  if (parts.length !== 6 || parts[0] !== 'p') return undefined;
  const [, subject = '', resource = '', action = '', object = '', effect = ''] = parts;
  if (effect !== 'allow' && effect !== 'deny') return undefined;
  return { subject, resource, action, object, effect };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** A glob as a regular expression anchored at both ends. */
export function globRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0) {
        out += escapeRegExp(c);
        continue;
      }
      out += `(?:${pattern
        .slice(i + 1, end)
        .split(',')
        .map((alt) => escapeRegExp(alt).replace(/\*/g, '.*'))
        .join('|')})`;
      i = end;
    } else out += escapeRegExp(c);
  }
  return new RegExp(`^${out}$`);
}

export function globMatch(pattern: string, value: string): boolean {
  return pattern === value || globRegExp(pattern).test(value);
}

function lineMatches(line: PolicyLine, req: AccessRequest): boolean {
  return (
    line.subject === req.subject &&
    globMatch(line.resource, req.resource) &&
    globMatch(line.action, req.action) &&
    globMatch(line.object, req.object)
  );
}

export type Decision = { allowed: true } | { allowed: false; deniedBy?: string };

/** allowed: some allow line matches and no deny line does; otherwise the reason. */
export function enforce(policies: readonly string[], req: AccessRequest): Decision {
  const matching = policies
    .map((text) => ({ text, line: parsePolicy(text) }))
    .filter((p): p is { text: string; line: PolicyLine } => p.line !== undefined && lineMatches(p.line, req));
  const deny = matching.find((p) => p.line.effect === 'deny');
  if (deny) return { allowed: false, deniedBy: deny.text };
  return matching.some((p) => p.line.effect === 'allow') ? { allowed: true } : { allowed: false };
}

/** `proj:<project>:<role>` split, or undefined when it is not of that form. */
export function parseProjectRole(subject: string): { project: string; role: string } | undefined {
  const m = /^proj:([a-z0-9]([-a-z0-9.]*[a-z0-9])?):([a-zA-Z0-9]([-_a-zA-Z0-9]*[a-zA-Z0-9])?)$/.exec(subject);
  return m ? { project: m[1]!, role: m[3]! } : undefined;
}
