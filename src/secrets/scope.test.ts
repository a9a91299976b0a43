import { describe, expect, it } from 'vitest';
import { parseScope, scopeOf, sealingLabel, withScopeAnnotations } from './scope.js';

const NS = 'sealedsecrets.bitnami.com/namespace-wide';
const CW = 'sealedsecrets.bitnami.com/cluster-wide';

describe('scopes', () => {
  it.each([
    ['strict', 'my-app/db'],
    ['namespace-wide', 'my-app'],
    ['cluster-wide', ''],
  ] as const)('%s seals with label "%s"', (scope, label) => {
    expect(sealingLabel('my-app', 'db', scope).toString()).toBe(label);
  });

  it.each([
    [undefined, 'strict'],
    [{}, 'strict'],
    [{ [NS]: 'true' }, 'namespace-wide'],
    [{ [CW]: 'true' }, 'cluster-wide'],
    [{ [NS]: 'true', [CW]: 'true' }, 'cluster-wide'],
    [{ [CW]: 'false' }, 'strict'],
  ])('annotations %j mean %s', (annotations, scope) => {
    expect(scopeOf(annotations)).toBe(scope);
  });

  it('writes exactly one scope annotation', () => {
    expect(withScopeAnnotations({ a: 'b', [NS]: 'true' }, 'cluster-wide')).toEqual({ a: 'b', [CW]: 'true' });
    expect(withScopeAnnotations({ [CW]: 'true' }, 'strict')).toEqual({});
  });

  it('parses --scope like kubeseal', () => {
    expect(parseScope(undefined)).toBe('strict');
    expect(parseScope('namespace-wide')).toBe('namespace-wide');
    expect(() => parseScope('global')).toThrow(/strict, namespace-wide, cluster-wide/);
  });
});
