/**
 * Removes a set of concrete paths from a document in one pass, then prunes the maps and
 * lists that the removal left empty (so `initContainers: []` after removing the only
 * injected element reads the same as no `initContainers`). Containers that were already
 * empty are left alone, and the root is never removed.
 */
import { isEmptyContainer, isPlainObject, type Path, type PathSegment } from './values.js';

interface Trie {
  remove: boolean;
  children: Map<PathSegment, Trie>;
}

function buildTrie(paths: readonly Path[]): Trie {
  const root: Trie = { remove: false, children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      let next = node.children.get(segment);
      if (!next) {
        next = { remove: false, children: new Map() };
        node.children.set(segment, next);
      }
      node = next;
    }
    node.remove = true;
  }
  return root;
}

function removeChild(container: unknown, segment: PathSegment): void {
  if (Array.isArray(container) && typeof segment === 'number') container.splice(segment, 1);
  else if (isPlainObject(container) && typeof segment === 'string') delete container[segment];
}

function childOf(container: unknown, segment: PathSegment): unknown {
  if (Array.isArray(container) && typeof segment === 'number') return container[segment];
  if (isPlainObject(container) && typeof segment === 'string') return container[segment];
  return undefined;
}

/** Visits children highest array index first, so splicing never shifts a pending index. */
function orderedSegments(trie: Trie): PathSegment[] {
  return [...trie.children.keys()].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? b - a : String(a).localeCompare(String(b)),
  );
}

function walk(container: unknown, trie: Trie): void {
  for (const segment of orderedSegments(trie)) {
    const child = trie.children.get(segment);
    const value = childOf(container, segment);
    if (!child || value === undefined) continue;
    if (child.remove) {
      removeChild(container, segment);
      continue;
    }
    const wasEmpty = isEmptyContainer(value);
    walk(value, child);
    if (!wasEmpty && isEmptyContainer(value)) removeChild(container, segment);
  }
}

/** Mutates `doc`. Paths must be concrete (as resolved against this very document). */
export function removePaths(doc: unknown, paths: readonly Path[]): void {
  const nonRoot = paths.filter((p) => p.length > 0);
  if (nonRoot.length === 0) return;
  walk(doc, buildTrie(nonRoot));
}
