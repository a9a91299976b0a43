/**
 * A position in a token list, with the small vocabulary the parser speaks: look, take,
 * insist, and fail with "expected X but found Y at column N".
 */
import { ExpressionSyntaxError } from './errors.js';
import { tokenize, type Token } from './tokenizer.js';

export class TokenCursor {
  private readonly tokens: Token[];
  private index = 0;

  constructor(readonly source: string) {
    this.tokens = tokenize(source);
  }

  /** The token `ahead` places from here; past the end, the end token. */
  peek(ahead = 0): Token {
    return this.tokens[this.index + ahead] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  take(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  isOperator(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'operator' && token.text === text;
  }

  accept(operator: string): boolean {
    if (!this.isOperator(operator)) return false;
    this.index += 1;
    return true;
  }

  expect(operator: string): void {
    if (!this.accept(operator)) this.fail(`'${operator}'`);
  }

  expectIdentifier(what: string): Token {
    if (this.peek().kind !== 'identifier') this.fail(what);
    return this.take();
  }

  fail(expected: string): never {
    const token = this.peek();
    throw new ExpressionSyntaxError(this.source, token.position, expected, describe(token));
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'end of expression';
  if (token.kind === 'string') return `string ${JSON.stringify(token.text)}`;
  return `'${token.text}'`;
}
