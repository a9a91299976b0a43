import { describe, expect, it } from 'vitest';
import { formatLogs, logQuery, podsIn, selectPods } from './logs.js';
import type { TreeNode } from './tree.js';

const node = (kind: string, name: string, children: TreeNode[] = [], namespace = 'web'): TreeNode => ({
  group: kind === 'Deployment' || kind === 'ReplicaSet' ? 'apps' : '',
  version: 'v1',
  kind,
  namespace,
  name,
  children,
});

const tree = [
  node('Deployment', 'web', [node('ReplicaSet', 'web-1', [node('Pod', 'web-1-a'), node('Pod', 'web-1-b')])]),
  node('Pod', 'lonely', [], 'other'),
];

describe('pod logs', () => {
  it('reads the query, with Argo CD’s podName too, and rejects a bad tailLines', () => {
    expect(logQuery(new URLSearchParams('podName=p&container=c&tailLines=5&namespace=n'))).toEqual({
      pod: 'p',
      container: 'c',
      tailLines: 5,
      namespace: 'n',
    });
    expect(() => logQuery(new URLSearchParams('tailLines=ten'))).toThrow(/tailLines/);
  });

  it('finds the pods at any depth of the tree and selects by name and namespace', () => {
    expect(podsIn(tree).map((p) => p.name)).toEqual(['web-1-a', 'web-1-b', 'lonely']);
    const pods = podsIn(tree);
    expect(selectPods('web', pods, { pod: 'web-1-b' }).map((p) => p.name)).toEqual(['web-1-b']);
    expect(selectPods('web', pods, { namespace: 'other' }).map((p) => p.name)).toEqual(['lonely']);
    expect(() => selectPods('web', pods, { pod: 'stray' })).toThrow(
      'pod "stray" is not part of application "web"',
    );
    expect(() => selectPods('web', pods, { pod: 'lonely', namespace: 'web' })).toThrow(
      'pod "lonely" in namespace web is not part of application "web"',
    );
    expect(() => selectPods('empty', [], {})).toThrow('application "empty" has no pods');
  });

  it('prefixes lines with pod/container only when several pods answer', () => {
    const a = { namespace: 'web', pod: 'a', container: 'main', lines: ['one', 'two'] };
    expect(formatLogs([a])).toBe('one\ntwo\n');
    expect(formatLogs([a, { ...a, pod: 'b', lines: ['three'] }])).toBe(
      'a/main: one\na/main: two\nb/main: three\n',
    );
  });
});
