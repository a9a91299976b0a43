/**
 * Errors of the expression language. Both are terminal for the check that uses the
 * expression: fixing the expression, not retrying, is what helps.
 */

/** An expression that cannot be read: where it went wrong and what was expected there. */
export class ExpressionSyntaxError extends Error {
  override readonly name = 'ExpressionSyntaxError';
  /** 0-based offset into `source`. */
  readonly position: number;
  readonly expected: string;
  readonly found: string;
  readonly source: string;

  constructor(source: string, position: number, expected: string, found: string) {
    super(`expected ${expected} but found ${found} at column ${position + 1} of ${JSON.stringify(source)}`);
    this.source = source;
    this.position = position;
    this.expected = expected;
    this.found = found;
  }
}

/** An expression that parsed but cannot be applied to this object (e.g. `len(5)`). */
export class ExpressionEvaluationError extends Error {
  override readonly name = 'ExpressionEvaluationError';
  readonly position: number;

  constructor(message: string, position: number) {
    super(`${message} at column ${position + 1}`);
    this.position = position;
  }
}
