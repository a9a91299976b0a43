/**
 * Tokens of the jq path subset (see README.md). Anything outside the subset that can be
 * spotted at this level (`..`, slices, `//`, interpolation) fails here with a position.
 */
export type TokenType = 'dot' | 'lbrack' | 'rbrack' | 'pipe' | 'lparen' | 'rparen' | 'question' | 'op';
export type Token =
  | { type: TokenType; text: string; pos: number }
  | { type: 'ident'; text: string; pos: number }
  | { type: 'string'; text: string; value: string; pos: number }
  | { type: 'number'; text: string; value: number; pos: number };

const PUNCTUATION: Record<string, TokenType> = {
  '[': 'lbrack',
  ']': 'rbrack',
  '|': 'pipe',
  '(': 'lparen',
  ')': 'rparen',
  '?': 'question',
};
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const NUMBER = /^-?[0-9]+(\.[0-9]+)?/;

export function jqSyntaxError(reason: string, pos: number): SyntaxError {
  return new SyntaxError(`${reason} (at character ${pos + 1})`);
}

function readString(src: string, start: number): Token {
  let i = start + 1;
  while (i < src.length && src[i] !== '"') {
    if (src[i] === '\\' && src[i + 1] === '(')
      throw jqSyntaxError('string interpolation is not supported', i);
    i += src[i] === '\\' ? 2 : 1;
  }
  if (i >= src.length) throw jqSyntaxError('unterminated string', start);
  const text = src.slice(start, i + 1);
  try {
    return { type: 'string', text, value: JSON.parse(text) as string, pos: start };
  } catch (cause) {
    throw jqSyntaxError(`bad string ${text}: ${(cause as Error).message}`, start);
  }
}

function readToken(src: string, i: number): Token {
  const ch = src[i] ?? '';
  const rest = src.slice(i);
  if (rest.startsWith('..')) throw jqSyntaxError('recursive descent ".." is not supported', i);
  if (ch === '.') return { type: 'dot', text: ch, pos: i };
  const punct = PUNCTUATION[ch];
  if (punct) return { type: punct, text: ch, pos: i };
  if (rest.startsWith('==') || rest.startsWith('!=')) return { type: 'op', text: rest.slice(0, 2), pos: i };
  if (ch === '"') return readString(src, i);
  const num = NUMBER.exec(rest);
  if (num) return { type: 'number', text: num[0], value: Number(num[0]), pos: i };
  const ident = IDENT.exec(rest);
  if (ident) return { type: 'ident', text: ident[0], pos: i };
  throw jqSyntaxError(`unsupported character ${JSON.stringify(ch)}`, i);
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    if (/\s/.test(src[i] ?? '')) {
      i += 1;
      continue;
    }
    const token = readToken(src, i);
    tokens.push(token);
    i += token.text.length;
  }
  return tokens;
}
