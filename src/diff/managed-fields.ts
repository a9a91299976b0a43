/**
 * Reads the server-side-apply ownership format (`fieldsType: FieldsV1`) and finds the
 * owned fields in an object. Keys of a fieldsV1 trie:
 *   `f:<name>`  a field of a map          `k:{"name":"x"}`  a list item by its key fields
 *   `v:<json>`  a set item by its value   `i:<n>`          a list item by position
 *   `.`         the node itself (its existence), beside the children it owns
 * A node whose only members are `.` or nothing is an owned leaf. Entries with unknown
 * prefixes or unparsable JSON are skipped: this data comes from the API server.
 */
import type { ManagedFieldsEntry } from '../kube/object.js';
import { deepEqual, isPlainObject, type JsonObject, type PathSegment } from './values.js';

export type FieldSegment = { field: string } | { key: JsonObject } | { value: unknown } | { index: number };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** One fieldsV1 key as a path segment, or undefined when it is not understood. */
export function parseFieldKey(key: string): FieldSegment | undefined {
  const prefix = key.slice(0, 2);
  const rest = key.slice(2);
  if (prefix === 'f:') return { field: rest };
  if (prefix === 'i:' && /^\d+$/.test(rest)) return { index: Number(rest) };
  if (prefix !== 'k:' && prefix !== 'v:') return undefined;
  const parsed = parseJson(rest);
  if (!parsed.ok) return undefined;
  if (prefix === 'v:') return { value: parsed.value };
  return isPlainObject(parsed.value) ? { key: parsed.value } : undefined;
}

/** The owned leaf paths of a fieldsV1 trie. */
export function parseFieldsV1(fields: unknown, prefix: FieldSegment[] = []): FieldSegment[][] {
  if (!isPlainObject(fields)) return [];
  const children = Object.keys(fields).filter((k) => k !== '.');
  if (children.length === 0) return prefix.length > 0 ? [prefix] : [];
  return children.flatMap((key) => {
    const segment = parseFieldKey(key);
    return segment ? parseFieldsV1(fields[key], [...prefix, segment]) : [];
  });
}

/** The leaf paths owned by any of `managers` (every operation and subresource). */
export function ownedPaths(
  entries: readonly ManagedFieldsEntry[] | undefined,
  managers: readonly string[],
): FieldSegment[][] {
  const wanted = new Set(managers);
  return (entries ?? [])
    .filter((entry) => entry.manager !== undefined && wanted.has(entry.manager))
    .flatMap((entry) => parseFieldsV1(entry.fieldsV1));
}

function findInList(list: unknown[], segment: FieldSegment): number {
  if ('index' in segment) return segment.index < list.length ? segment.index : -1;
  if ('value' in segment) return list.findIndex((item) => deepEqual(item, segment.value));
  if ('key' in segment) {
    const wanted = Object.entries(segment.key);
    return list.findIndex((item) => isPlainObject(item) && wanted.every(([k, v]) => deepEqual(item[k], v)));
  }
  return -1;
}

/** Where an owned path lies in `doc`, or undefined when `doc` does not have it. */
export function resolveFieldPath(doc: unknown, path: readonly FieldSegment[]): PathSegment[] | undefined {
  const found: PathSegment[] = [];
  let node = doc;
  for (const segment of path) {
    if ('field' in segment) {
      if (!isPlainObject(node) || !Object.hasOwn(node, segment.field)) return undefined;
      found.push(segment.field);
      node = node[segment.field];
      continue;
    }
    if (!Array.isArray(node)) return undefined;
    const at = findInList(node, segment);
    if (at < 0) return undefined;
    found.push(at);
    node = node[at] as unknown;
  }
  return found;
}
