import { describe, expect, it } from 'vitest';
import { compareFull } from './compare.js';
import type { FieldChange } from './types.js';

describe('compareFull', () => {
  it.each<[string, unknown, unknown, FieldChange[]]>([
    ['equal objects, any key order', { a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }, []],
    [
      'a changed scalar',
      { spec: { replicas: 3 } },
      { spec: { replicas: 2 } },
      [{ path: '/spec/replicas', kind: 'changed', desired: 3, live: 2 }],
    ],
    ['a field only in desired', { a: 1, b: 2 }, { a: 1 }, [{ path: '/b', kind: 'added', desired: 2 }]],
    [
      'a field only in live',
      { a: 1 },
      { a: 1, b: { x: 1 } },
      [{ path: '/b', kind: 'removed', live: { x: 1 } }],
    ],
    [
      'keys are escaped',
      { l: { 'app.kubernetes.io/name': 'x' } },
      { l: {} },
      [{ path: '/l/app.kubernetes.io~1name', kind: 'added', desired: 'x' }],
    ],
    [
      'lists by index',
      { l: [{ n: 'a' }, { n: 'b' }] },
      { l: [{ n: 'a' }, { n: 'c' }] },
      [{ path: '/l/1/n', kind: 'changed', desired: 'b', live: 'c' }],
    ],
    [
      'a longer desired list',
      { l: [1, 2, 3] },
      { l: [1] },
      [
        { path: '/l/1', kind: 'added', desired: 2 },
        { path: '/l/2', kind: 'added', desired: 3 },
      ],
    ],
    ['a longer live list', { l: [1] }, { l: [1, 2] }, [{ path: '/l/1', kind: 'removed', live: 2 }]],
    [
      'order matters',
      { l: [1, 2] },
      { l: [2, 1] },
      [
        { path: '/l/0', kind: 'changed', desired: 1, live: 2 },
        { path: '/l/1', kind: 'changed', desired: 2, live: 1 },
      ],
    ],
    [
      'a type change',
      { a: { b: 1 } },
      { a: [1] },
      [{ path: '/a', kind: 'changed', desired: { b: 1 }, live: [1] }],
    ],
    ['null is a value', { a: null }, { a: 0 }, [{ path: '/a', kind: 'changed', desired: null, live: 0 }]],
    ['an empty map differs from a missing one', { a: {} }, {}, [{ path: '/a', kind: 'added', desired: {} }]],
  ])('%s', (_name, desired, live, changes) => {
    expect(compareFull(desired, live)).toEqual(changes);
  });
});
