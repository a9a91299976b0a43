/**
 * Recursive-descent parser for health expressions (see ../README.md):
 *
 *   expression := or
 *   or         := and ( "||" and )*
 *   and        := comparison ( "&&" comparison )*
 *   comparison := unary ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) unary )?
 *   unary      := "!" unary | primary
 *   primary    := literal | path | ( "has" | "len" ) "(" path ")" | "(" expression ")"
 *   path       := name ( "." name | "[" selector "]" )*
 *   selector   := integer | string | name ( "." name )* "=" ( literal | name )
 */
import type { ComparisonOperator, ExprNode, FunctionName, PathNode, Scalar, Segment } from './ast.js';
import { TokenCursor } from './cursor.js';
import { ExpressionSyntaxError } from './errors.js';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const FUNCTIONS = new Set(['has', 'len']);
const KEYWORDS = new Map<string, Scalar>([
  ['true', true],
  ['false', false],
  ['null', null],
]);
const MAX_LENGTH = 4096;
const MAX_DEPTH = 64;

export function parseExpression(source: string): ExprNode {
  if (source.length > MAX_LENGTH) {
    throw new ExpressionSyntaxError(
      `${source.slice(0, 40)}...`,
      MAX_LENGTH,
      `at most ${MAX_LENGTH} characters`,
      'more',
    );
  }
  return new Parser(new TokenCursor(source)).parseAll();
}

class Parser {
  private depth = 0;

  constructor(private readonly at: TokenCursor) {}

  parseAll(): ExprNode {
    if (this.at.peek().kind === 'end') this.at.fail('an expression');
    const node = this.parseOr();
    if (this.at.peek().kind !== 'end')
      this.at.fail("an operator ('&&', '||', '==', ...) or end of expression");
    return node;
  }

  private parseOr(): ExprNode {
    let left = this.parseAnd();
    while (this.at.accept('||')) {
      left = { type: 'logical', operator: '||', left, right: this.parseAnd(), position: left.position };
    }
    return left;
  }

  private parseAnd(): ExprNode {
    let left = this.parseComparison();
    while (this.at.accept('&&')) {
      left = {
        type: 'logical',
        operator: '&&',
        left,
        right: this.parseComparison(),
        position: left.position,
      };
    }
    return left;
  }

  private parseComparison(): ExprNode {
    const left = this.parseUnary();
    if (!this.atComparison()) return left;
    const operator = this.at.take().text as ComparisonOperator;
    const right = this.parseUnary();
    if (this.atComparison()) this.at.fail("'&&', '||' or ')' (comparisons do not chain; use parentheses)");
    return { type: 'compare', operator, left, right, position: left.position };
  }

  private atComparison(): boolean {
    const token = this.at.peek();
    return token.kind === 'operator' && COMPARISONS.has(token.text);
  }

  private parseUnary(): ExprNode {
    const start = this.at.peek().position;
    if (!this.at.isOperator('!')) return this.parsePrimary();
    return this.nested(() => {
      this.at.take();
      return { type: 'not', operand: this.parseUnary(), position: start };
    });
  }

  private parsePrimary(): ExprNode {
    const token = this.at.peek();
    if (token.kind === 'string' || token.kind === 'number' || KEYWORDS.has(token.text)) {
      return { type: 'literal', value: this.scalar(), position: token.position };
    }
    if (this.at.isOperator('(')) {
      return this.nested(() => {
        this.at.take();
        const inner = this.parseOr();
        this.at.expect(')');
        return inner;
      });
    }
    if (token.kind !== 'identifier') this.at.fail("a value (path, literal, has(...), len(...) or '(')");
    if (FUNCTIONS.has(token.text) && this.at.isOperator('(', 1)) {
      this.at.take();
      this.at.take();
      const argument = this.parsePath();
      this.at.expect(')');
      return { type: 'call', name: token.text as FunctionName, argument, position: token.position };
    }
    return this.parsePath();
  }

  private parsePath(): PathNode {
    const first = this.at.expectIdentifier('a field name');
    const segments: Segment[] = [{ kind: 'field', name: first.text }];
    for (;;) {
      if (this.at.accept('.'))
        segments.push({ kind: 'field', name: this.at.expectIdentifier('a field name').text });
      else if (this.at.accept('[')) segments.push(this.parseSelector());
      else return { type: 'path', segments, position: first.position };
    }
  }

  private parseSelector(): Segment {
    const token = this.at.peek();
    let segment: Segment;
    if (token.kind === 'number') {
      if (!/^[0-9]+$/.test(token.text)) this.at.fail('a list index (0, 1, ...)');
      segment = { kind: 'index', index: Number(this.at.take().text) };
    } else if (token.kind === 'string') {
      segment = { kind: 'field', name: this.at.take().text };
    } else {
      const field = [this.at.expectIdentifier("a list index, a quoted key or 'field=value'").text];
      while (this.at.accept('.')) field.push(this.at.expectIdentifier('a field name').text);
      this.at.expect('=');
      segment = { kind: 'select', field, value: this.selectorValue() };
    }
    this.at.expect(']');
    return segment;
  }

  /** A literal, or a bare name standing for a string (`[type=Ready]`). */
  private selectorValue(): Scalar {
    const token = this.at.peek();
    if (token.kind === 'identifier' && !KEYWORDS.has(token.text)) return this.at.take().text;
    if (token.kind === 'string' || token.kind === 'number' || KEYWORDS.has(token.text)) return this.scalar();
    return this.at.fail('a value to select by (a name, string, number, true, false or null)');
  }

  /** Consumes a string, number or keyword token and returns its value. */
  private scalar(): Scalar {
    const token = this.at.take();
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'identifier') return KEYWORDS.get(token.text) ?? null;
    return token.text;
  }

  /** Runs `parse` one level deeper, refusing (at the current token) to go past MAX_DEPTH. */
  private nested<T>(parse: () => T): T {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) this.at.fail(`at most ${MAX_DEPTH} levels of nesting`);
    try {
      return parse();
    } finally {
      this.depth -= 1;
    }
  }
}
