/**
 * Parses the jq path subset into steps; nothing is evaluated as code. Grammar:
 *   expression := term ('|' term)*
 *   term       := path | 'select' '(' condition ')'
 *   path       := ('.' [ident | string] | '[' [integer | string] ']' | '?')+
 *   condition  := path ('==' | '!=') literal
 *               | path '|' ('startswith' | 'endswith' | 'contains') '(' string ')'
 * Paths inside a condition may not iterate (`[]`).
 */
import { jqSyntaxError, tokenize, type Token } from './jq-lexer.js';

export type JqCondition =
  | { op: '==' | '!='; path: JqStep[]; value: unknown }
  | { op: 'startswith' | 'endswith' | 'contains'; path: JqStep[]; value: string };

export type JqStep =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'iterate' }
  | { kind: 'select'; condition: JqCondition };

const STRING_TESTS = new Set(['startswith', 'endswith', 'contains']);
const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly end: number,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private fail(reason: string, token = this.peek()): never {
    throw jqSyntaxError(reason, token?.pos ?? this.end);
  }

  private expect(type: Token['type'], what: string): Token {
    const token = this.peek();
    if (token?.type !== type) this.fail(`expected ${what}`);
    this.i += 1;
    return token;
  }

  expression(): JqStep[] {
    const steps = this.term();
    while (this.peek()?.type === 'pipe') {
      this.i += 1;
      steps.push(...this.term());
    }
    const extra = this.peek();
    if (extra) this.fail(`unsupported ${JSON.stringify(extra.text)}`);
    return steps;
  }

  private term(): JqStep[] {
    const token = this.peek();
    if (token?.type === 'ident' && token.text === 'select') return [this.select()];
    if (token?.type === 'dot') return this.path(true);
    return this.fail(token ? `unsupported ${JSON.stringify(token.text)}` : 'expected a path or select(...)');
  }

  private path(allowIterate: boolean): JqStep[] {
    if (this.peek()?.type !== 'dot') this.fail('expected a path starting with "."');
    const steps: JqStep[] = [];
    for (let token = this.peek(); token; token = this.peek()) {
      if (token.type === 'dot') {
        this.i += 1;
        const next = this.peek();
        if (next?.type === 'ident' || next?.type === 'string') {
          this.i += 1;
          steps.push({ kind: 'field', name: next.type === 'string' ? next.value : next.text });
        }
      } else if (token.type === 'lbrack') steps.push(this.bracket(allowIterate));
      else if (token.type === 'question') this.i += 1;
      else break;
    }
    return steps;
  }

  private bracket(allowIterate: boolean): JqStep {
    this.i += 1;
    const token = this.peek();
    this.i += 1;
    if (token?.type === 'rbrack') {
      if (!allowIterate) this.fail('"[]" is not supported inside select()', token);
      return { kind: 'iterate' };
    }
    let step: JqStep;
    if (token?.type === 'number' && Number.isInteger(token.value))
      step = { kind: 'index', index: token.value };
    else if (token?.type === 'string') step = { kind: 'field', name: token.value };
    else return this.fail('expected "]", an integer or a string inside [...]', token);
    this.expect('rbrack', '"]"');
    return step;
  }

  private select(): JqStep {
    this.i += 1;
    this.expect('lparen', '"(" after select');
    const path = this.path(false);
    const token = this.peek();
    let condition: JqCondition;
    if (token?.type === 'op') {
      this.i += 1;
      condition = { op: token.text === '==' ? '==' : '!=', path, value: this.literal() };
    } else if (token?.type === 'pipe') {
      this.i += 1;
      condition = this.stringTest(path);
    } else return this.fail('expected ==, != or | startswith/endswith/contains(...) in select()');
    this.expect('rparen', '")" to close select(');
    return { kind: 'select', condition };
  }

  private stringTest(path: JqStep[]): JqCondition {
    const fn = this.expect('ident', 'startswith, endswith or contains');
    if (!STRING_TESTS.has(fn.text)) this.fail(`unsupported function ${fn.text}`, fn);
    this.expect('lparen', `"(" after ${fn.text}`);
    const arg = this.expect('string', 'a string argument');
    this.expect('rparen', '")"');
    const op = fn.text as 'startswith' | 'endswith' | 'contains';
    return { op, path, value: arg.type === 'string' ? arg.value : '' };
  }

  private literal(): unknown {
    const token = this.peek();
    this.i += 1;
    if (token?.type === 'string' || token?.type === 'number') return token.value;
    if (token?.type === 'ident' && Object.hasOwn(LITERALS, token.text)) return LITERALS[token.text];
    return this.fail('expected a string, number, true, false or null', token);
  }
}

/** Throws SyntaxError (with a character position) for anything outside the subset. */
export function parseJqPath(expression: string): JqStep[] {
  const steps = new Parser(tokenize(expression), expression.length).expression();
  if (!steps.some((s) => s.kind !== 'select')) {
    throw new SyntaxError(
      'the expression must name at least one field or element; it would remove the object',
    );
  }
  return steps;
}
