import { describe, expect, it } from 'vitest';
import { diffLines, unifiedHunks } from './line-diff.js';

const lines = (text: string): string[] => (text === '' ? [] : text.split(' '));
const script = (a: string, b: string): string =>
  diffLines(lines(a), lines(b))
    .map((o) => o.op + o.line)
    .join(' ');

describe('diffLines', () => {
  it.each([
    ['a b c', 'a b c', ' a  b  c'],
    ['a b c', 'a x c', ' a -b +x  c'],
    ['', 'a b', '+a +b'],
    ['a b', '', '-a -b'],
    ['a b c d', 'a c d e', ' a -b  c  d +e'],
    ['x a b', 'a b y', '-x  a  b +y'],
  ])('%s → %s', (a, b, expected) => {
    expect(script(a, b)).toBe(expected);
  });
});

describe('unifiedHunks', () => {
  const numbered = (n: number): string[] => Array.from({ length: n }, (_, i) => `l${i + 1}`);

  it('one change in the middle, three lines of context', () => {
    const b = numbered(10);
    b[4] = 'changed';
    expect(unifiedHunks(diffLines(numbered(10), b))).toEqual([
      '@@ -2,7 +2,7 @@',
      ' l2',
      ' l3',
      ' l4',
      '-l5',
      '+changed',
      ' l6',
      ' l7',
      ' l8',
    ]);
  });

  it('distant changes make separate hunks; close ones merge', () => {
    const b = numbered(20);
    b[1] = 'x';
    b[17] = 'y';
    const far = unifiedHunks(diffLines(numbered(20), b)).filter((l) => l.startsWith('@@'));
    expect(far).toEqual(['@@ -1,5 +1,5 @@', '@@ -15,6 +15,6 @@']);
    const c = numbered(20);
    c[1] = 'x';
    c[8] = 'y';
    expect(unifiedHunks(diffLines(numbered(20), c)).filter((l) => l.startsWith('@@'))).toEqual([
      '@@ -1,12 +1,12 @@',
    ]);
  });

  it('an empty side is numbered from 0', () => {
    expect(unifiedHunks(diffLines([], ['a', 'b']))).toEqual(['@@ -0,0 +1,2 @@', '+a', '+b']);
    expect(unifiedHunks(diffLines(['a'], []))).toEqual(['@@ -1 +0,0 @@', '-a']);
  });

  it('no changes, no hunks', () => {
    expect(unifiedHunks(diffLines(['a'], ['a']))).toEqual([]);
  });
});
