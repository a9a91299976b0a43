/** The resource tree: managed resources and what they own, each with its health. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { TreeNode } from '../api.js';
import { Badge } from './Badge.js';
import { PodLogs } from './PodLogs.js';

function Node({ app, node, level }: { app: string; node: TreeNode; level: number }): JSX.Element {
  const [showLogs, setShowLogs] = useState(false);
  const isPod = node.kind === 'Pod' && node.group === '';
  return (
    <li role="treeitem" aria-level={level} aria-expanded={node.children.length ? true : undefined}>
      <span class="node">
        <span class="kind">{node.kind}</span> <span class="name">{node.name}</span>
        {node.health && <Badge status={node.health.status} />}
        {node.sync && <Badge status={node.sync} />}
        {node.health?.message && <span class="message">{node.health.message}</span>}
        {isPod && (
          <button aria-expanded={showLogs} onClick={() => setShowLogs(!showLogs)}>
            {showLogs ? 'Hide logs' : 'Logs'}
          </button>
        )}
      </span>
      {showLogs && <PodLogs app={app} pod={node.name} namespace={node.namespace} />}
      {node.children.length > 0 && (
        <ul role="group">
          {node.children.map((c) => (
            <Node key={`${c.kind}/${c.name}`} app={app} node={c} level={level + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function Tree({ app, nodes }: { app: string; nodes: TreeNode[] }): JSX.Element {
  if (!nodes.length) return <p>No resources yet.</p>;
  return (
    <ul role="tree" aria-label={`Resources of ${app}`} class="tree">
      {nodes.map((n) => (
        <Node key={`${n.kind}/${n.namespace ?? ''}/${n.name}`} app={app} node={n} level={1} />
      ))}
    </ul>
  );
}
