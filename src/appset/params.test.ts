import { describe, expect, it } from 'vitest';
import { flattenParams, goNumber, goString, sanitizeName } from './params.js';

describe('params', () => {
  it.each([
    [3, '3'],
    [1.5, '1.5'],
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [0.00001, '1e-05'],
    [0.0001, '0.0001'],
    [-2, '-2'],
  ])('prints %d as Go %%v does: %s', (n, s) => {
    expect(goNumber(n)).toBe(s);
  });

  it('prints values as Go %v', () => {
    expect(goString(true)).toBe('true');
    expect(goString(null)).toBe('<nil>');
    expect(goString([1, 'a'])).toBe('[1 a]');
    expect(goString({ b: 1, a: 'x' })).toBe('map[a:x b:1]');
  });

  it('flattens with dots, lists by index, empty containers leave no key (jeremywohl/flatten)', () => {
    expect(
      flattenParams({ a: { b: 'c', n: 2 }, list: ['x', { y: true }], empty: {}, none: [], top: 'v' }),
    ).toEqual({ 'a.b': 'c', 'a.n': '2', 'list.0': 'x', 'list.1.y': 'true', top: 'v' });
  });

  it.each([
    ['Hello World!', 'hello-world'],
    ['in-cluster', 'in-cluster'],
    ['--My_Cluster..', 'my-cluster'],
    ['a'.repeat(300), 'a'.repeat(253)],
    ['Ünïcode', 'n-code'],
  ])('sanitizes %s as Argo CD normalize', (input, output) => {
    expect(sanitizeName(input)).toBe(output);
  });
});
