import { describe, expect, it } from 'vitest';
import { removePaths } from './remove.js';
import type { Path } from './values.js';

describe('removePaths', () => {
  it.each<[string, unknown, Path[], unknown]>([
    ['a leaf', { spec: { replicas: 2, paused: false } }, [['spec', 'replicas']], { spec: { paused: false } }],
    ['nothing', { a: 1 }, [], { a: 1 }],
    ['the root is never removed', { a: 1 }, [[]], { a: 1 }],
    ['a missing path', { a: 1 }, [['b', 'c']], { a: 1 }],
    [
      'several list elements, highest index first',
      { l: ['a', 'b', 'c', 'd'] },
      [
        ['l', 1],
        ['l', 3],
      ],
      { l: ['a', 'c'] },
    ],
    ['emptied parents are pruned', { spec: { a: { b: 1 } }, kind: 'X' }, [['spec', 'a', 'b']], { kind: 'X' }],
    [
      'an emptied list element and list are pruned',
      { spec: { initContainers: [{ name: 'injected' }] } },
      [['spec', 'initContainers', 0]],
      {},
    ],
    [
      'containers that were already empty stay',
      { spec: { emptyDir: {}, a: 1 } },
      [['spec', 'a']],
      { spec: { emptyDir: {} } },
    ],
    [
      'removal wins over a deeper path',
      { spec: { a: { b: 1 } }, x: 1 },
      [['spec', 'a', 'b'], ['spec']],
      { x: 1 },
    ],
  ])('%s', (_name, doc, paths, expected) => {
    removePaths(doc, paths);
    expect(doc).toEqual(expected);
  });
});
