import { describe, expect, it } from 'vitest';
import { formatPointer, parsePointer, resolvePointer } from './json-pointer.js';

describe('parsePointer', () => {
  it.each([
    ['', []],
    ['/spec/replicas', ['spec', 'replicas']],
    ['/metadata/annotations/app.kubernetes.io~1name', ['metadata', 'annotations', 'app.kubernetes.io/name']],
    ['/a~0b', ['a~b']],
    ['/a~01', ['a~1']],
    ['/', ['']],
    ['/spec/containers/0', ['spec', 'containers', '0']],
  ])('%j → %j', (pointer, tokens) => {
    expect(parsePointer(pointer)).toEqual(tokens);
  });

  it.each(['spec/replicas', '/a~2', '/a~'])('rejects %j', (pointer) => {
    expect(() => parsePointer(pointer)).toThrow(SyntaxError);
  });
});

describe('formatPointer', () => {
  it.each([
    [[], ''],
    [['spec', 'replicas'], '/spec/replicas'],
    [['metadata', 'labels', 'a/b~c'], '/metadata/labels/a~1b~0c'],
    [['spec', 'containers', 0, 'image'], '/spec/containers/0/image'],
  ])('%j → %j', (path, pointer) => {
    expect(formatPointer(path)).toBe(pointer);
    expect(parsePointer(pointer)).toEqual(path.map(String));
  });
});

describe('resolvePointer', () => {
  const doc = { spec: { replicas: 2, containers: [{ name: 'a' }, { name: 'b' }] }, 'x/y': 1 };
  it.each([
    ['/spec/replicas', ['spec', 'replicas']],
    ['/spec/containers/1/name', ['spec', 'containers', 1, 'name']],
    ['/x~1y', ['x/y']],
    ['/spec/containers/2', undefined],
    ['/spec/containers/01', undefined],
    ['/spec/containers/-', undefined],
    ['/spec/missing', undefined],
    ['/spec/replicas/deeper', undefined],
  ])('%s', (pointer, expected) => {
    expect(resolvePointer(doc, parsePointer(pointer))).toEqual(expected);
  });
});
