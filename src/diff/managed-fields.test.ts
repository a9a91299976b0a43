import { describe, expect, it } from 'vitest';
import {
  ownedPaths,
  parseFieldKey,
  parseFieldsV1,
  resolveFieldPath,
  type FieldSegment,
} from './managed-fields.js';

describe('parseFieldKey', () => {
  it.each<[string, FieldSegment | undefined]>([
    ['f:replicas', { field: 'replicas' }],
    ['f:app.kubernetes.io/name', { field: 'app.kubernetes.io/name' }],
    ['k:{"name":"app"}', { key: { name: 'app' } }],
    ['k:{"containerPort":80,"protocol":"TCP"}', { key: { containerPort: 80, protocol: 'TCP' } }],
    ['v:"example.com/cleanup"', { value: 'example.com/cleanup' }],
    ['v:8080', { value: 8080 }],
    ['i:2', { index: 2 }],
    ['k:{broken', undefined],
    ['k:"not-an-object"', undefined],
    ['x:whatever', undefined],
    ['i:x', undefined],
  ])('%s', (key, segment) => {
    expect(parseFieldKey(key)).toEqual(segment);
  });
});

describe('parseFieldsV1', () => {
  it('lists owned leaves; "." marks a node, its children are the leaves', () => {
    const fields = {
      'f:metadata': {
        'f:annotations': { '.': {}, 'f:deployment.kubernetes.io/revision': {} },
        'f:finalizers': { '.': {}, 'v:"example.com/cleanup"': {} },
      },
      'f:spec': {
        'f:replicas': {},
        'f:template': {
          'f:spec': {
            'f:containers': {
              'k:{"name":"istio-proxy"}': { '.': {}, 'f:image': {}, 'f:name': {} },
            },
          },
        },
      },
      'f:status': { '.': {} },
    };
    expect(parseFieldsV1(fields)).toEqual([
      [{ field: 'metadata' }, { field: 'annotations' }, { field: 'deployment.kubernetes.io/revision' }],
      [{ field: 'metadata' }, { field: 'finalizers' }, { value: 'example.com/cleanup' }],
      [{ field: 'spec' }, { field: 'replicas' }],
      [...containerPath, { field: 'image' }],
      [...containerPath, { field: 'name' }],
      [{ field: 'status' }],
    ]);
  });

  it.each([[undefined], [null], [{}], [{ '.': {} }], ['text']])('%j owns nothing', (fields) => {
    expect(parseFieldsV1(fields)).toEqual([]);
  });
});

const containerPath: FieldSegment[] = [
  { field: 'spec' },
  { field: 'template' },
  { field: 'spec' },
  { field: 'containers' },
  { key: { name: 'istio-proxy' } },
];

describe('resolveFieldPath', () => {
  const doc = {
    metadata: { finalizers: ['a', 'example.com/cleanup'] },
    spec: {
      replicas: 3,
      ports: [
        { containerPort: 80, protocol: 'UDP' },
        { containerPort: 80, protocol: 'TCP' },
      ],
      template: { spec: { containers: [{ name: 'app' }, { name: 'istio-proxy', image: 'proxyv2' }] } },
    },
  };
  it.each<[string, FieldSegment[], (string | number)[] | undefined]>([
    ['a field', [{ field: 'spec' }, { field: 'replicas' }], ['spec', 'replicas']],
    [
      'a keyed item',
      [...containerPath, { field: 'image' }],
      ['spec', 'template', 'spec', 'containers', 1, 'image'],
    ],
    [
      'a composite key',
      [{ field: 'spec' }, { field: 'ports' }, { key: { containerPort: 80, protocol: 'TCP' } }],
      ['spec', 'ports', 1],
    ],
    [
      'a set value',
      [{ field: 'metadata' }, { field: 'finalizers' }, { value: 'example.com/cleanup' }],
      ['metadata', 'finalizers', 1],
    ],
    [
      'an index',
      [{ field: 'metadata' }, { field: 'finalizers' }, { index: 0 }],
      ['metadata', 'finalizers', 0],
    ],
    ['a missing field', [{ field: 'spec' }, { field: 'paused' }], undefined],
    ['a missing key', [{ field: 'spec' }, { field: 'ports' }, { key: { containerPort: 443 } }], undefined],
    ['a key on a map', [{ field: 'spec' }, { key: { name: 'x' } }], undefined],
  ])('%s', (_name, path, expected) => {
    expect(resolveFieldPath(doc, path)).toEqual(expected);
  });
});

describe('ownedPaths', () => {
  it('keeps only the listed managers, across entries', () => {
    const entries = [
      { manager: 'argocd-controller', operation: 'Apply', fieldsV1: { 'f:spec': { 'f:template': {} } } },
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      },
      { manager: 'kube-controller-manager', subresource: 'status', fieldsV1: { 'f:status': {} } },
      { operation: 'Update', fieldsV1: { 'f:x': {} } },
    ];
    expect(ownedPaths(entries, ['kube-controller-manager'])).toEqual([
      [{ field: 'spec' }, { field: 'replicas' }],
      [{ field: 'status' }],
    ]);
    expect(ownedPaths(undefined, ['x'])).toEqual([]);
  });
});
