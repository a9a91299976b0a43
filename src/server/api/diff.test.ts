import { describe, expect, it } from 'vitest';
import { splitDiff } from './diff.js';
import { attachChildren, type TreeNode } from './tree.js';

describe('splitDiff', () => {
  it('splits the CLI text per resource', () => {
    const text =
      '===== apps/Deployment web/api ======\n--- live\n+++ desired\n@@ -1 +1 @@\n-a\n+b\n\n===== /Service web/api ======\n(not in the source any more: will be pruned)\n';
    expect(splitDiff(text)).toEqual([
      { resource: 'apps/Deployment web/api', diff: '--- live\n+++ desired\n@@ -1 +1 @@\n-a\n+b\n' },
      { resource: '/Service web/api', diff: '(not in the source any more: will be pruned)\n' },
    ]);
  });
});

describe('attachChildren', () => {
  it('follows ownerReferences down', () => {
    const root: TreeNode = {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      name: 'api',
      uid: 'd1',
      children: [],
    };
    const owned = (kind: string, name: string, uid: string, owner: string) => ({
      apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
      kind,
      metadata: {
        name,
        namespace: 'web',
        uid,
        ownerReferences: [{ apiVersion: 'x', kind: 'x', name: 'x', uid: owner }],
      },
    });
    attachChildren([root], [owned('Pod', 'api-1-a', 'p1', 'r1'), owned('ReplicaSet', 'api-1', 'r1', 'd1')]);
    expect(root.children.map((c) => [c.kind, c.name, c.children.map((g) => g.name)])).toEqual([
      ['ReplicaSet', 'api-1', ['api-1-a']],
    ]);
  });
});
