import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError } from './errors.js';
import { parseExpression } from './parser.js';

describe('parseExpression', () => {
  it('builds paths with fields, keys, indices and selections', () => {
    expect(parseExpression('status.conditions[type=Ready].status')).toEqual({
      type: 'path',
      position: 0,
      segments: [
        { kind: 'field', name: 'status' },
        { kind: 'field', name: 'conditions' },
        { kind: 'select', field: ['type'], value: 'Ready' },
        { kind: 'field', name: 'status' },
      ],
    });
    expect(parseExpression('metadata.annotations["example.com/x"]')).toMatchObject({
      segments: [{ name: 'metadata' }, { name: 'annotations' }, { kind: 'field', name: 'example.com/x' }],
    });
    expect(parseExpression('a[0][meta.name="x"][n=3][ok=true]')).toMatchObject({
      segments: [
        { name: 'a' },
        { kind: 'index', index: 0 },
        { kind: 'select', field: ['meta', 'name'], value: 'x' },
        { kind: 'select', field: ['n'], value: 3 },
        { kind: 'select', field: ['ok'], value: true },
      ],
    });
  });

  it('binds ! tighter than comparisons, comparisons tighter than &&, && tighter than ||', () => {
    expect(parseExpression('!a == b || c && d')).toMatchObject({
      type: 'logical',
      operator: '||',
      left: { type: 'compare', operator: '==', left: { type: 'not' } },
      right: { type: 'logical', operator: '&&' },
    });
    expect(parseExpression('!(a == b)')).toMatchObject({ type: 'not', operand: { type: 'compare' } });
  });

  it('reads literals and functions', () => {
    expect(parseExpression('has(spec.x)')).toMatchObject({ type: 'call', name: 'has' });
    expect(parseExpression('len(a) > 0')).toMatchObject({
      type: 'compare',
      left: { type: 'call', name: 'len' },
    });
    expect(parseExpression('null')).toEqual({ type: 'literal', value: null, position: 0 });
    expect(parseExpression('"true"')).toEqual({ type: 'literal', value: 'true', position: 0 });
    expect(parseExpression('has')).toMatchObject({ type: 'path', segments: [{ name: 'has' }] });
  });

  it.each([
    ['', 0, 'an expression', 'end of expression'],
    ['status.phase ==', 15, "a value (path, literal, has(...), len(...) or '(')", 'end of expression'],
    ['status.', 7, 'a field name', 'end of expression'],
    ['a[type=Ready', 12, "']'", 'end of expression'],
    ['a[type]', 6, "'='", "']'"],
    ['a[-1]', 2, 'a list index (0, 1, ...)', "'-1'"],
    ['a[1.5]', 2, 'a list index (0, 1, ...)', "'1.5'"],
    ['a[type=(]', 7, 'a value to select by (a name, string, number, true, false or null)', "'('"],
    ['(a == b', 7, "')'", 'end of expression'],
    ['a == b == c', 7, "'&&', '||' or ')' (comparisons do not chain; use parentheses)", "'=='"],
    ['a b', 2, "an operator ('&&', '||', '==', ...) or end of expression", "'b'"],
    ['has(1)', 4, 'a field name', "'1'"],
    ['len(a', 5, "')'", 'end of expression'],
    ['a = 1', 2, "an operator ('&&', '||', '==', ...) or end of expression", "'='"],
    [`${'('.repeat(70)}a${')'.repeat(70)}`, 64, 'at most 64 levels of nesting', "'('"],
  ])('rejects %j at column %i+1 expecting %s', (source, position, expected, found) => {
    try {
      parseExpression(source);
      expect.unreachable('should not parse');
    } catch (err) {
      expect(err).toBeInstanceOf(ExpressionSyntaxError);
      expect(err).toMatchObject({ position, expected, found });
      expect((err as Error).message).toBe(
        `expected ${expected} but found ${found} at column ${position + 1} of ${JSON.stringify(source)}`,
      );
    }
  });

  it('rejects very long expressions', () => {
    expect(() => parseExpression('a'.repeat(5000))).toThrow(/at most 4096 characters/);
  });
});
