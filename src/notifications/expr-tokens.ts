/**
 * Tokens of the trigger condition language (a subset of antonmedv/expr, which Argo CD's
 * notification triggers use): names, numbers, '…' and "…" strings, operators, brackets.
 */
export type TokenKind = 'name' | 'number' | 'string' | 'op' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offset in the source. */
  at: number;
}

/** A condition that cannot be read, with the column and what was found there. */
export class ConditionSyntaxError extends Error {
  override readonly name = 'ConditionSyntaxError';
  constructor(source: string, at: number, what: string) {
    super(`${what} at column ${at + 1} of ${JSON.stringify(source)}`);
  }
}

const OPERATORS = ['?.', '==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '.', '(', ')', '[', ']', ','];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const token = readToken(source, i, rest);
    tokens.push(token);
    i += token.kind === 'string' ? stringLength(source, i) : token.text.length;
  }
  tokens.push({ kind: 'end', text: 'end of expression', at: source.length });
  return tokens;
}

function readToken(source: string, at: number, rest: string): Token {
  const name = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(rest);
  if (name) return { kind: 'name', text: name[0], at };
  const number = /^\d+(\.\d+)?/.exec(rest);
  if (number) return { kind: 'number', text: number[0], at };
  if (rest[0] === "'" || rest[0] === '"') return { kind: 'string', text: readString(source, at), at };
  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (op) return { kind: 'op', text: op, at };
  throw new ConditionSyntaxError(source, at, `unexpected character ${JSON.stringify(rest[0])}`);
}

/** The string literal's value: backslash escapes the next character. */
function readString(source: string, at: number): string {
  const quote = source[at];
  let value = '';
  for (let i = at + 1; i < source.length; i++) {
    const c = source[i];
    if (c === quote) return value;
    if (c === '\\') i++;
    value += source[i] ?? '';
  }
  throw new ConditionSyntaxError(source, at, 'unterminated string');
}

function stringLength(source: string, at: number): number {
  const quote = source[at];
  for (let i = at + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i - at + 1;
  }
  return source.length - at;
}
