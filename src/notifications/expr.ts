/**
 * Trigger conditions: the part of antonmedv/expr that Argo CD's notification catalog uses.
 *
 *   or         := and ( ( "or" | "||" ) and )*
 *   and        := not ( ( "and" | "&&" ) not )*
 *   not        := ( "not" | "!" ) not | comparison
 *   comparison := operand ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) operand
 *                         | [ "not" ] "in" operand )?
 *   operand    := literal | path | "[" list "]" | "(" or ")"
 *   path       := name ( ( "." | "?." ) name | "[" ( string | number ) "]" )*
 *   literal    := 'text' | "text" | number | true | false | nil
 *
 * Only reads: paths walk own properties of plain data; a path that leads nowhere is nil
 * (more forgiving than expr, which fails on a field of nil). No function calls.
 */
import { ConditionSyntaxError, tokenize, type Token } from './expr-tokens.js';

export { ConditionSyntaxError } from './expr-tokens.js';

export type Condition = (data: Record<string, unknown>) => boolean;
type Node = (data: Record<string, unknown>) => unknown;

const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);
const LITERALS = new Map<string, unknown>([
  ['true', true],
  ['false', false],
  ['nil', null],
]);

/** Parses `source` once; the result evaluates it against `{ app, ... }`. Throws ConditionSyntaxError. */
export function compileCondition(source: string): Condition {
  const parser = new Parser(source);
  const node = parser.parseAll();
  return (data) => truthy(node(data));
}

export function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== 0 && value !== '';
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  parseAll(): Node {
    if (this.peek().kind === 'end') this.fail('expected an expression');
    const node = this.parseOr();
    if (this.peek().kind !== 'end') this.fail(`unexpected ${JSON.stringify(this.peek().text)}`);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  private accept(...texts: string[]): boolean {
    const t = this.peek();
    if ((t.kind === 'op' || t.kind === 'name') && texts.includes(t.text)) {
      this.pos++;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    if (!this.accept(text))
      this.fail(`expected ${JSON.stringify(text)} but found ${JSON.stringify(this.peek().text)}`);
  }

  private fail(what: string): never {
    throw new ConditionSyntaxError(this.source, this.peek().at, what);
  }

  private parseOr(): Node {
    let left = this.parseAnd();
    while (this.accept('or', '||')) {
      const [l, r] = [left, this.parseAnd()];
      left = (d) => truthy(l(d)) || truthy(r(d));
    }
    return left;
  }

  private parseAnd(): Node {
    let left = this.parseNot();
    while (this.accept('and', '&&')) {
      const [l, r] = [left, this.parseNot()];
      left = (d) => truthy(l(d)) && truthy(r(d));
    }
    return left;
  }

  private parseNot(): Node {
    if (this.accept('not', '!')) {
      const operand = this.parseNot();
      return (d) => !truthy(operand(d));
    }
    return this.parseComparison();
  }

  private parseComparison(): Node {
    const left = this.parseOperand();
    const t = this.peek();
    if (t.kind === 'op' && COMPARE.has(t.text)) {
      this.pos++;
      const right = this.parseOperand();
      return (d) => compare(t.text, left(d), right(d));
    }
    const negated = this.accept('not');
    if (negated || this.peek().text === 'in') {
      this.expect('in');
      const list = this.parseOperand();
      return (d) => contains(list(d), left(d)) !== negated;
    }
    return left;
  }

  private parseOperand(): Node {
    const t = this.peek();
    if (this.accept('(')) {
      const inner = this.parseOr();
      this.expect(')');
      return inner;
    }
    if (this.accept('[')) return this.parseList();
    this.pos++;
    if (t.kind === 'string') return () => t.text;
    if (t.kind === 'number') return () => Number(t.text);
    if (t.kind === 'name' && LITERALS.has(t.text)) return () => LITERALS.get(t.text);
    if (t.kind === 'name') return this.parsePath(t.text);
    this.pos--;
    return this.fail(`expected a value but found ${JSON.stringify(t.text)}`);
  }

  private parseList(): Node {
    const items: Node[] = [];
    while (!this.accept(']')) {
      if (items.length > 0) this.expect(',');
      items.push(this.parseOperand());
    }
    return (d) => items.map((item) => item(d));
  }

  private parsePath(first: string): Node {
    const segments: Array<string | number> = [first];
    for (;;) {
      if (this.accept('.', '?.')) segments.push(this.name());
      else if (this.accept('[')) segments.push(this.key());
      else break;
    }
    if (this.peek().text === '(') this.fail('function calls are not supported');
    return (d) => walk(d, segments);
  }

  private name(): string {
    const t = this.peek();
    if (t.kind !== 'name') this.fail(`expected a field name but found ${JSON.stringify(t.text)}`);
    this.pos++;
    return t.text;
  }

  private key(): string | number {
    const t = this.peek();
    if (t.kind !== 'string' && t.kind !== 'number') this.fail('expected a string or number index');
    this.pos++;
    this.expect(']');
    return t.kind === 'number' ? Number(t.text) : t.text;
  }
}

function walk(data: unknown, segments: Array<string | number>): unknown {
  let current = data;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return null;
    const record = current as Record<string | number, unknown>;
    current = Object.hasOwn(record, segment) ? record[segment] : null;
  }
  return current ?? null;
}

const ORDER: Record<string, (c: number) => boolean> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

function compare(op: string, a: unknown, b: unknown): boolean {
  if (op === '==') return (a ?? null) === (b ?? null);
  if (op === '!=') return (a ?? null) !== (b ?? null);
  const order = ordering(a, b);
  return order !== undefined && (ORDER[op]?.(order) ?? false);
}

/** Two numbers or two strings compare; anything else does not (false, as expr fails). */
function ordering(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function contains(list: unknown, value: unknown): boolean {
  if (Array.isArray(list)) return list.some((item) => (item ?? null) === (value ?? null));
  if (typeof list === 'string' && typeof value === 'string') return list.includes(value);
  if (list && typeof list === 'object' && typeof value === 'string') return Object.hasOwn(list, value);
  return false;
}
