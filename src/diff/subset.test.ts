import { describe, expect, it } from 'vitest';
import { compareSubset } from './subset.js';
import type { FieldChange } from './types.js';
import type { JsonObject } from './values.js';

describe('compareSubset: changes', () => {
  it.each<[string, JsonObject, JsonObject, FieldChange[]]>([
    [
      'defaults in live are ignored',
      { spec: { replicas: 1 } },
      { spec: { replicas: 1, revisionHistoryLimit: 10 } },
      [],
    ],
    [
      'a changed value counts',
      { spec: { replicas: 3 } },
      { spec: { replicas: 1, paused: false } },
      [{ path: '/spec/replicas', kind: 'changed', desired: 3, live: 1 }],
    ],
    [
      'a field missing in live counts',
      { spec: { paused: true } },
      { spec: {} },
      [{ path: '/spec/paused', kind: 'added', desired: true }],
    ],
    ['{} equals missing', { spec: { selector: {} } }, { spec: {} }, []],
    ['null equals missing', { metadata: { creationTimestamp: null } }, { metadata: {} }, []],
    ['[] equals missing', { spec: { args: [] } }, { spec: {} }, []],
    [
      '{} is satisfied by a filled map',
      { spec: { resources: {} } },
      { spec: { resources: { limits: { cpu: 1 } } } },
      [],
    ],
    [
      'null is not a value a filled field has',
      { a: null },
      { a: 5 },
      [{ path: '/a', kind: 'changed', desired: null, live: 5 }],
    ],
    ['[] with live elements counts', { a: [] }, { a: ['x'] }, [{ path: '/a/0', kind: 'removed', live: 'x' }]],
    [
      'lists by index, with defaults inside elements',
      { a: [{ x: 1 }, { x: 2 }] },
      {
        a: [
          { x: 1, d: 0 },
          { x: 3, d: 0 },
        ],
      },
      [{ path: '/a/1/x', kind: 'changed', desired: 2, live: 3 }],
    ],
    ['an extra live element counts', { a: [1] }, { a: [1, 2] }, [{ path: '/a/1', kind: 'removed', live: 2 }]],
    [
      'a missing live element counts',
      { a: [1, 2] },
      { a: [1] },
      [{ path: '/a/1', kind: 'added', desired: 2 }],
    ],
    [
      'named lists match by name, in any order',
      {
        c: [
          { name: 'a', image: 'x:1' },
          { name: 'b', image: 'y:1' },
        ],
      },
      {
        c: [
          { name: 'b', image: 'y:1', imagePullPolicy: 'IfNotPresent' },
          { name: 'a', image: 'x:2' },
        ],
      },
      [{ path: '/c/0/image', kind: 'changed', desired: 'x:1', live: 'x:2' }],
    ],
    [
      'named lists: missing and extra elements',
      { c: [{ name: 'a' }, { name: 'b' }] },
      { c: [{ name: 'a' }, { name: 'sidecar' }] },
      [
        { path: '/c/1', kind: 'added', desired: { name: 'b' } },
        { path: '/c/1', kind: 'removed', live: { name: 'sidecar' } },
      ],
    ],
    [
      'duplicate names fall back to index matching',
      {
        c: [
          { name: 'a', v: 1 },
          { name: 'a', v: 2 },
        ],
      },
      {
        c: [
          { name: 'a', v: 2 },
          { name: 'a', v: 1 },
        ],
      },
      [
        { path: '/c/0/v', kind: 'changed', desired: 1, live: 2 },
        { path: '/c/1/v', kind: 'changed', desired: 2, live: 1 },
      ],
    ],
  ])('%s', (_name, desired, live, changes) => {
    expect(compareSubset(desired, live).changes).toEqual(changes);
  });
});

describe('compareSubset: projection of live', () => {
  it('keeps only what desired sets, in desired order, extras last', () => {
    const desired = { spec: { c: [{ name: 'b' }, { name: 'a', image: 'x' }], empty: {}, gone: null } };
    const live = {
      status: { ready: true },
      spec: {
        strategy: 'RollingUpdate',
        c: [{ name: 'z' }, { name: 'a', image: 'y', pull: 'Always' }, { name: 'b' }],
      },
    };
    expect(compareSubset(desired, live).live).toEqual({
      spec: { c: [{ name: 'b' }, { name: 'a', image: 'y' }, { name: 'z' }], empty: {}, gone: null },
    });
  });
});
