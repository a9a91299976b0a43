import { describe, expect, it } from 'vitest';
import { compileSelector, isQualifiedName, SelectorError } from './selector.js';

describe('label selectors', () => {
  const labels = { env: 'staging', 'argocd.argoproj.io/secret-type': 'cluster', tier: 'web' };
  it.each([
    [{}, true],
    [{ matchLabels: { env: 'staging' } }, true],
    [{ matchLabels: { env: 'prod' } }, false],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] }, true],
    [{ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['staging'] }] }, false],
    [{ matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['x'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false],
    [
      {
        matchLabels: { env: 'staging' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }],
      },
      false,
    ],
  ])('%j → %s', (selector, expected) => {
    expect(compileSelector(selector)(labels)).toBe(expected);
  });

  it('rejects bad operators, empty In values and keys that are not qualified names', () => {
    expect(() =>
      compileSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }),
    ).toThrow('"Gt" is not a valid pod selector operator');
    expect(() => compileSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] })).toThrow(
      SelectorError,
    );
    expect(() => compileSelector({ matchLabels: { 'path[0]': 'x' } })).toThrow('not a qualified name');
  });

  it.each([
    ['env', true],
    ['argocd.argoproj.io/secret-type', true],
    ['metadata.labels.env', true],
    ['path[0]', false],
    ['-a', false],
    ['a'.repeat(64), false],
  ])('qualified name %s → %s', (key, expected) => {
    expect(isQualifiedName(key)).toBe(expected);
  });
});
