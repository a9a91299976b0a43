/**
 * Tokenizer: turns an expression into identifiers, literals and operators, each with its
 * offset. Identifiers may contain letters, digits, `_`, `$` and (not first) `-`, so that
 * bare values like `my-container` can be used in list selectors.
 */
import { ExpressionSyntaxError } from './errors.js';

export type TokenKind = 'identifier' | 'string' | 'number' | 'operator' | 'end';

export interface Token {
  kind: TokenKind;
  /** The identifier, operator, number text, or the string's decoded content. */
  text: string;
  position: number;
}

/** Longest first, so `==` is not read as `=` `=`. */
const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '=', '(', ')', '[', ']', '.', ','];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'" };

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$-]/;
const DIGIT = /[0-9]/;
const NUMBER = /^-?[0-9]+(\.[0-9]+)?/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const token = readToken(source, i);
    tokens.push(token.token);
    i = token.next;
  }
  tokens.push({ kind: 'end', text: '', position: source.length });
  return tokens;
}

function readToken(source: string, start: number): { token: Token; next: number } {
  const ch = source.charAt(start);
  if (ch === '"' || ch === "'") return readString(source, start);
  const number = NUMBER.exec(source.slice(start));
  if (number && (DIGIT.test(ch) || ch === '-')) {
    return { token: { kind: 'number', text: number[0], position: start }, next: start + number[0].length };
  }
  if (IDENT_START.test(ch)) {
    let end = start + 1;
    while (end < source.length && IDENT_PART.test(source.charAt(end))) end += 1;
    return { token: { kind: 'identifier', text: source.slice(start, end), position: start }, next: end };
  }
  const operator = OPERATORS.find((op) => source.startsWith(op, start));
  if (operator) {
    return { token: { kind: 'operator', text: operator, position: start }, next: start + operator.length };
  }
  throw new ExpressionSyntaxError(source, start, 'a path, literal or operator', `'${ch}'`);
}

function readString(source: string, start: number): { token: Token; next: number } {
  const quote = source.charAt(start);
  let text = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === quote) return { token: { kind: 'string', text, position: start }, next: i + 1 };
    if (ch === '\\') {
      const escaped = ESCAPES[source.charAt(i + 1)];
      if (escaped === undefined) {
        throw new ExpressionSyntaxError(
          source,
          i,
          'one of \\n \\t \\\\ \\" \\\'',
          `'\\${source.charAt(i + 1)}'`,
        );
      }
      text += escaped;
      i += 2;
      continue;
    }
    text += ch;
    i += 1;
  }
  throw new ExpressionSyntaxError(
    source,
    source.length,
    `closing ${quote} for the string at column ${start + 1}`,
    'end of expression',
  );
}
