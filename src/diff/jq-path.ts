/**
 * Evaluates parsed jq path steps against a document, like jq's `path(...)`: the result
 * is every concrete path the expression selects. Lenient where jq would stop with an
 * error (a field of a scalar, `[]` over null): such branches simply select nothing,
 * which is what Argo CD ends up doing, since it skips a rule whose jq run fails.
 */
import type { JqCondition, JqStep } from './jq-parse.js';
import { deepEqual, isPlainObject, type PathSegment } from './values.js';

interface Located {
  value: unknown;
  path: PathSegment[];
}

function field(at: Located, name: string): Located[] {
  if (!isPlainObject(at.value) || !Object.hasOwn(at.value, name)) return [];
  return [{ value: at.value[name], path: [...at.path, name] }];
}

function index(at: Located, i: number): Located[] {
  if (!Array.isArray(at.value)) return [];
  const resolved = i < 0 ? at.value.length + i : i;
  if (resolved < 0 || resolved >= at.value.length) return [];
  return [{ value: at.value[resolved] as unknown, path: [...at.path, resolved] }];
}

function iterate(at: Located): Located[] {
  if (Array.isArray(at.value)) return at.value.map((value: unknown, i) => ({ value, path: [...at.path, i] }));
  if (isPlainObject(at.value)) {
    return Object.entries(at.value).map(([k, value]) => ({ value, path: [...at.path, k] }));
  }
  return [];
}

/** The value a condition's path reads; jq yields null for a missing field. */
function read(value: unknown, steps: readonly JqStep[]): unknown {
  const found = evaluate([{ value, path: [] }], steps);
  return found[0]?.value ?? null;
}

export function testCondition(value: unknown, condition: JqCondition): boolean {
  const subject = read(value, condition.path);
  switch (condition.op) {
    case '==':
      return deepEqual(subject, condition.value);
    case '!=':
      return !deepEqual(subject, condition.value);
    case 'startswith':
      return typeof subject === 'string' && subject.startsWith(condition.value);
    case 'endswith':
      return typeof subject === 'string' && subject.endsWith(condition.value);
    case 'contains':
      return typeof subject === 'string' && subject.includes(condition.value);
  }
}

function step(at: Located, s: JqStep): Located[] {
  switch (s.kind) {
    case 'field':
      return field(at, s.name);
    case 'index':
      return index(at, s.index);
    case 'iterate':
      return iterate(at);
    case 'select':
      return testCondition(at.value, s.condition) ? [at] : [];
  }
}

function evaluate(start: Located[], steps: readonly JqStep[]): Located[] {
  return steps.reduce<Located[]>((current, s) => current.flatMap((at) => step(at, s)), start);
}

/** Every concrete path `steps` selects in `doc` (possibly none). */
export function resolveJqPath(doc: unknown, steps: readonly JqStep[]): PathSegment[][] {
  return evaluate([{ value: doc, path: [] }], steps).map((found) => found.path);
}
