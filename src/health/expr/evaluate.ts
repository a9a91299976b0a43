/**
 * Evaluator: applies a parsed expression to a plain object. It only reads: paths follow
 * own properties of plain objects and arrays (never prototypes), and nothing can call out.
 * A path that leads nowhere is `null`. Comparisons never convert types: `<`-style
 * operators compare two numbers or two strings (RFC 3339 timestamps order correctly as
 * strings) and are false otherwise.
 */
import type { ComparisonOperator, ExprNode, PathNode, Scalar, Segment } from './ast.js';
import { ExpressionEvaluationError } from './errors.js';

export function evaluate(node: ExprNode, root: unknown): unknown {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'path':
      return resolvePath(root, node) ?? null;
    case 'call':
      return node.name === 'has' ? has(root, node.argument) : len(root, node.argument);
    case 'not':
      return !truthy(evaluate(node.operand, root));
    case 'logical': {
      const left = truthy(evaluate(node.left, root));
      if (node.operator === '&&') return left && truthy(evaluate(node.right, root));
      return left || truthy(evaluate(node.right, root));
    }
    case 'compare':
      return compare(node.operator, evaluate(node.left, root), evaluate(node.right, root));
  }
}

/** false, null, 0, "" and a missing value are false; everything else is true. */
export function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== 0 && value !== '';
}

export function resolvePath(root: unknown, path: PathNode): unknown {
  let current: unknown = root;
  for (const segment of path.segments) {
    current = step(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

function step(current: unknown, segment: Segment): unknown {
  switch (segment.kind) {
    case 'field':
      return isRecord(current) && Object.hasOwn(current, segment.name) ? current[segment.name] : undefined;
    case 'index':
      return Array.isArray(current) ? (current[segment.index] as unknown) : undefined;
    case 'select':
      if (!Array.isArray(current)) return undefined;
      return (current as unknown[]).find((item) => fieldEquals(item, segment.field, segment.value));
  }
}

function fieldEquals(item: unknown, field: string[], value: Scalar): boolean {
  let current = item;
  for (const name of field) {
    current = isRecord(current) && Object.hasOwn(current, name) ? current[name] : undefined;
  }
  return (current ?? null) === value;
}

function has(root: unknown, path: PathNode): boolean {
  const value = resolvePath(root, path);
  return value !== undefined && value !== null;
}

function len(root: unknown, path: PathNode): number {
  const value = resolvePath(root, path);
  if (value === undefined || value === null) return 0;
  if (Array.isArray(value) || typeof value === 'string') return value.length;
  if (isRecord(value)) return Object.keys(value).length;
  throw new ExpressionEvaluationError(
    `len() needs a list, map or string, not a ${typeof value}`,
    path.position,
  );
}

function compare(operator: ComparisonOperator, left: unknown, right: unknown): boolean {
  switch (operator) {
    case '==':
      return equal(left, right);
    case '!=':
      return !equal(left, right);
    default:
      return ordered(operator, left, right);
  }
}

function ordered(operator: '<' | '<=' | '>' | '>=', left: unknown, right: unknown): boolean {
  if (typeof left === 'number' && typeof right === 'number') return order(operator, left - right);
  if (typeof left === 'string' && typeof right === 'string') {
    return order(operator, left < right ? -1 : left > right ? 1 : 0);
  }
  return false;
}

function order(operator: '<' | '<=' | '>' | '>=', difference: number): boolean {
  if (operator === '<') return difference < 0;
  if (operator === '<=') return difference <= 0;
  if (operator === '>') return difference > 0;
  return difference >= 0;
}

/** Strict equality for scalars, structural for lists and maps; missing equals null. */
function equal(left: unknown, right: unknown): boolean {
  const a = left ?? null;
  const b = right ?? null;
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]))
    );
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
