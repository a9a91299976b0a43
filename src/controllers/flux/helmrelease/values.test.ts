import { describe, expect, it } from 'vitest';
import type { ValuesReference } from '../../../api/flux/index.js';
import { composeValues, mergeValues, valuesDigest, type LoadedReference } from './values.js';
import { parsePath, parseValue, setPath } from './strvals.js';

const cm = (
  name: string,
  data: Record<string, string>,
  ref: Partial<ValuesReference> = {},
): LoadedReference => ({
  ref: { kind: 'ConfigMap', name, ...ref },
  found: true,
  data,
});
const missing = (name: string, ref: Partial<ValuesReference> = {}): LoadedReference => ({
  ref: { kind: 'ConfigMap', name, ...ref },
  found: false,
});

describe('composeValues: Flux order', () => {
  it('merges valuesFrom in list order, then inline values', () => {
    const values = composeValues('ns', { a: { x: 'inline' }, b: 'inline' }, [
      cm('one', { 'values.yaml': 'a: { x: one, y: one }\nc: one\nb: one' }),
      cm('two', { 'values.yaml': 'a: { y: two }\nc: two' }),
    ]);
    expect(values).toEqual({ a: { x: 'inline', y: 'two' }, b: 'inline', c: 'two' });
  });

  it('applies targetPath entries last, over inline values', () => {
    const values = composeValues('ns', { image: { tag: 'inline', repository: 'r' } }, [
      cm('tag', { tag: '1.2.3' }, { valuesKey: 'tag', targetPath: 'image.tag' }),
      cm('doc', { 'values.yaml': 'image: { tag: doc }' }),
    ]);
    expect(values).toEqual({ image: { tag: '1.2.3', repository: 'r' } });
  });

  it('uses valuesKey, default values.yaml', () => {
    expect(
      composeValues('ns', {}, [cm('a', { 'custom.yaml': 'k: v' }, { valuesKey: 'custom.yaml' })]),
    ).toEqual({ k: 'v' });
  });

  it('skips optional references that are missing, or lack the key', () => {
    expect(
      composeValues('ns', { a: 1 }, [missing('gone', { optional: true }), cm('c', {}, { optional: true })]),
    ).toEqual({ a: 1 });
  });

  it.each([
    [
      missing('gone'),
      "could not resolve ConfigMap chart values reference 'ns/gone' with key 'values.yaml': resource not found",
    ],
    [
      cm('c', { other: 'x' }),
      "could not resolve ConfigMap chart values reference 'ns/c' with key 'values.yaml': key not found",
    ],
    [
      cm('bad', { 'values.yaml': 'a: [b' }),
      /^could not resolve ConfigMap chart values reference 'ns\/bad' with key 'values.yaml': failed to read values data: /,
    ],
    [
      cm('list', { 'values.yaml': '- a\n- b' }),
      "could not resolve ConfigMap chart values reference 'ns/list' with key 'values.yaml': failed to read values data: not a YAML map",
    ],
  ] as Array<[LoadedReference, string | RegExp]>)('reports %#', (loaded, message) => {
    expect(() => composeValues('ns', {}, [loaded])).toThrow(message);
  });

  it('does not change the inline values it was given', () => {
    const inline = { image: { tag: 'a' } };
    composeValues('ns', inline, [cm('t', { t: 'b' }, { valuesKey: 't', targetPath: 'image.tag' })]);
    expect(inline).toEqual({ image: { tag: 'a' } });
  });
});

describe('mergeValues (helm MergeMaps)', () => {
  it('merges maps and replaces everything else', () => {
    expect(mergeValues({ a: { b: 1, c: [1] }, d: { e: 1 } }, { a: { c: [2] }, d: 'flat' })).toEqual({
      a: { b: 1, c: [2] },
      d: 'flat',
    });
    expect(mergeValues({ a: 'flat' }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });
});

describe('strvals', () => {
  it.each([
    ['a.b.c', [{ key: 'a' }, { key: 'b' }, { key: 'c' }]],
    ['list[1].name', [{ key: 'list' }, { index: 1 }, { key: 'name' }]],
    ['annotations.example\\.com/x', [{ key: 'annotations' }, { key: 'example.com/x' }]],
  ])('parses %s', (path, steps) => {
    expect(parsePath(path)).toEqual(steps);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['null', null],
    ['42', 42],
    ['-7', -7],
    ['007', '007'],
    ['1.5', '1.5'],
    ['"42"', '42'],
    ["'true'", 'true'],
    ['{a,b,3}', ['a', 'b', 3]],
    ['text', 'text'],
  ])('types %s', (raw, value) => {
    expect(parseValue(raw)).toEqual(value);
  });

  it('creates maps and lists on the way', () => {
    const values: Record<string, unknown> = { list: [{ name: 'a' }] };
    setPath(values, 'list[2].name', 'c');
    setPath(values, 'x.y', '1');
    expect(values).toEqual({ list: [{ name: 'a' }, null, { name: 'c' }], x: { y: 1 } });
  });
});

describe('valuesDigest', () => {
  it('ignores key order and treats empty as nothing', () => {
    expect(valuesDigest({ a: 1, b: { c: 2, d: 3 } })).toBe(valuesDigest({ b: { d: 3, c: 2 }, a: 1 }));
    expect(valuesDigest({})).toBe(valuesDigest(null));
    expect(valuesDigest({ a: 1 })).not.toBe(valuesDigest({ a: 2 }));
    expect(valuesDigest({})).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
