import { describe, expect, it } from 'vitest';
import { InvalidIgnoreRuleError } from './errors.js';
import { compileIgnoreRules, globMatch, identityOf, ruleMatches } from './ignore.js';
import { deployment } from './testutil.js';
import type { IgnoreDifferencesRule } from './types.js';

describe('globMatch', () => {
  it.each([
    ['*', '', true],
    ['*', 'apps', true],
    ['', '', true],
    ['', 'apps', false],
    ['apps', 'apps', true],
    ['*.k8s.io', 'admissionregistration.k8s.io', true],
    ['*.k8s.io', 'k8sXio', false],
    ['Deploy?ent', 'Deployment', true],
    ['a.b', 'aXb', false],
  ])('%j ~ %j = %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });
});

describe('ruleMatches', () => {
  const id = { group: 'apps', kind: 'Deployment', name: 'guestbook', namespace: 'default' };
  it.each<[IgnoreDifferencesRule, boolean]>([
    [{ group: 'apps', kind: 'Deployment' }, true],
    [{ kind: 'Deployment' }, false],
    [{ group: '*', kind: '*' }, true],
    [{ group: 'apps', kind: 'StatefulSet' }, false],
    [{ group: 'apps', kind: 'Deployment', name: 'guestbook', namespace: 'default' }, true],
    [{ group: 'apps', kind: 'Deployment', name: 'other' }, false],
    [{ group: 'apps', kind: 'Deployment', namespace: 'prod' }, false],
    [{ group: 'apps', kind: 'Deployment', name: '' }, true],
  ])('%j → %s', (rule, expected) => {
    expect(ruleMatches(rule, id)).toBe(expected);
  });

  it('the core group is ""', () => {
    expect(
      ruleMatches({ kind: 'ConfigMap' }, { group: '', kind: 'ConfigMap', name: 'c', namespace: '' }),
    ).toBe(true);
  });
});

describe('identityOf', () => {
  it('takes the namespace from live when the manifest has none', () => {
    const raw = deployment({}, { namespace: undefined });
    expect(identityOf(raw, deployment())).toEqual({
      group: 'apps',
      kind: 'Deployment',
      name: 'guestbook',
      namespace: 'default',
    });
    expect(identityOf(raw, undefined).namespace).toBe('');
    expect(identityOf(undefined, undefined).kind).toBe('');
  });
});

describe('compileIgnoreRules', () => {
  it.each<[IgnoreDifferencesRule, string, string]>([
    [{ kind: 'Deployment', jsonPointers: ['spec/replicas'] }, 'spec/replicas', 'must start with "/"'],
    [{ kind: 'Deployment', jsonPointers: [''] }, '', 'whole object'],
    [{ kind: 'Deployment', jsonPointers: ['/a~9'] }, '/a~9', 'bad escape'],
    [{ kind: 'Deployment', jqPathExpressions: ['.a | length'] }, '.a | length', 'unsupported "length"'],
    [{ kind: '' }, '', 'kind is required'],
  ])('rejects %j', (rule, expression, reason) => {
    let error: unknown;
    try {
      compileIgnoreRules([{ group: 'apps', ...rule }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidIgnoreRuleError);
    const typed = error as InvalidIgnoreRuleError;
    expect(typed.name).toBe('InvalidIgnoreRuleError');
    expect(typed.expression).toBe(expression);
    expect(typed.message).toContain(reason);
    expect(typed.message).toContain('apps/');
  });

  it('compiles good rules', () => {
    const [compiled] = compileIgnoreRules([
      {
        group: 'apps',
        kind: 'Deployment',
        jsonPointers: ['/spec/replicas'],
        jqPathExpressions: ['.spec.paused'],
      },
    ]);
    expect(compiled?.pointers).toEqual([['spec', 'replicas']]);
    expect(compiled?.jq).toEqual([
      [
        { kind: 'field', name: 'spec' },
        { kind: 'field', name: 'paused' },
      ],
    ]);
  });
});
