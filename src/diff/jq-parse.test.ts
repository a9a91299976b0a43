import { describe, expect, it } from 'vitest';
import { parseJqPath, type JqStep } from './jq-parse.js';

const f = (name: string): JqStep => ({ kind: 'field', name });
const each: JqStep = { kind: 'iterate' };

describe('parseJqPath: the supported subset', () => {
  it.each<[string, JqStep[]]>([
    ['.spec.replicas', [f('spec'), f('replicas')]],
    ['.metadata.annotations["key.with.dots"]', [f('metadata'), f('annotations'), f('key.with.dots')]],
    ['.metadata.labels."app.kubernetes.io/name"', [f('metadata'), f('labels'), f('app.kubernetes.io/name')]],
    ['.["a b"]', [f('a b')]],
    ['.spec.containers[]', [f('spec'), f('containers'), each]],
    ['.spec.containers[0].image', [f('spec'), f('containers'), { kind: 'index', index: 0 }, f('image')]],
    ['.spec.containers[-1]', [f('spec'), f('containers'), { kind: 'index', index: -1 }]],
    ['.webhooks[]?.clientConfig.caBundle', [f('webhooks'), each, f('clientConfig'), f('caBundle')]],
    ['.a?.b', [f('a'), f('b')]],
    ['.a.[0]', [f('a'), { kind: 'index', index: 0 }]],
    [
      '.spec.template.spec.initContainers[] | select(.name == "injected-init-container")',
      [
        f('spec'),
        f('template'),
        f('spec'),
        f('initContainers'),
        each,
        { kind: 'select', condition: { op: '==', path: [f('name')], value: 'injected-init-container' } },
      ],
    ],
    [
      '.spec.containers[] | select(.name | startswith("istio-"))',
      [
        f('spec'),
        f('containers'),
        each,
        { kind: 'select', condition: { op: 'startswith', path: [f('name')], value: 'istio-' } },
      ],
    ],
    [
      '.a[] | select(.port != 80) | .name',
      [f('a'), each, { kind: 'select', condition: { op: '!=', path: [f('port')], value: 80 } }, f('name')],
    ],
    [
      '.a[]|select(.meta.on==true)',
      [f('a'), each, { kind: 'select', condition: { op: '==', path: [f('meta'), f('on')], value: true } }],
    ],
    [
      '.a[] | select(.x | endswith("-x")) | select(.y | contains("mid"))',
      [
        f('a'),
        each,
        { kind: 'select', condition: { op: 'endswith', path: [f('x')], value: '-x' } },
        { kind: 'select', condition: { op: 'contains', path: [f('y')], value: 'mid' } },
      ],
    ],
    [
      '.a[] | select(.x == null)',
      [f('a'), each, { kind: 'select', condition: { op: '==', path: [f('x')], value: null } }],
    ],
  ])('%s', (expression, steps) => {
    expect(parseJqPath(expression)).toEqual(steps);
  });
});

describe('parseJqPath: outside the subset', () => {
  it.each([
    ['del(.a)', 'unsupported "del"'],
    ['.a | length', 'unsupported "length"'],
    ['..', 'recursive descent'],
    ['.a[1:2]', 'unsupported character ":"'],
    ['.a // "x"', 'unsupported character "/"'],
    ['.a + 1', 'unsupported character "+"'],
    ['select(.a and .b)', 'expected ==, != or |'],
    ['.a[] | select(.name | test("x"))', 'unsupported function test'],
    ['.a[] | select(.b[] == 1)', 'not supported inside select'],
    ['.a | select(.b == x)', 'expected a string, number'],
    ['.a["x"', 'expected "]"'],
    ['.a | select(.b == "x"', 'expected ")"'],
    ['.a."unterminated', 'unterminated string'],
    ['.a["\\(1)"]', 'interpolation'],
    ['.', 'must name at least one field'],
    ['. | select(.a == 1)', 'must name at least one field'],
    ['', 'expected a path'],
    ['spec.replicas', 'unsupported "spec"'],
  ])('%s', (expression, message) => {
    expect(() => parseJqPath(expression)).toThrow(SyntaxError);
    expect(() => parseJqPath(expression)).toThrow(message);
  });
});
