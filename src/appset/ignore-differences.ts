/**
 * spec.ignoreApplicationDifferences: fields of generated Applications the controller
 * leaves as they are in the cluster (JSON pointers or jq paths, for every Application or
 * one by name). The value about to be written gets the live value at those paths.
 */
import type { Application, ApplicationSetSpec } from '../api/argo/index.js';
import { parsePointer, resolvePointer } from '../diff/json-pointer.js';
import { parseJqPath } from '../diff/jq-parse.js';
import { resolveJqPath } from '../diff/jq-path.js';
import type { PathSegment } from '../diff/values.js';
import { isPlainObject } from './params.js';

type Rules = ApplicationSetSpec['ignoreApplicationDifferences'];

function pathsIn(doc: unknown, rule: NonNullable<Rules>[number]): PathSegment[][] {
  const pointers = (rule.jsonPointers ?? []).map((p) => resolvePointer(doc, parsePointer(p)));
  const jq = (rule.jqPathExpressions ?? []).flatMap((e) => resolveJqPath(doc, parseJqPath(e)));
  return [...pointers.filter((p): p is PathSegment[] => p !== undefined), ...jq];
}

function getAt(doc: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown> | undefined)?.[key],
    doc,
  );
}

/** Sets (or, for undefined, deletes) the value at `path`, creating objects on the way. */
function setAt(doc: Record<string, unknown>, path: readonly PathSegment[], value: unknown): void {
  let node: Record<string | number, unknown> = doc;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key]) && !Array.isArray(node[key])) node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** `next` with the live values of every ignored path of `live` and `next` put back. */
export function keepIgnoredFields(next: Application, live: Application, rules: Rules): Application {
  const name = live.metadata.name;
  const applicable = (rules ?? []).filter((r) => !r.name || r.name === name);
  if (applicable.length === 0) return next;
  const out = JSON.parse(JSON.stringify(next)) as Application;
  for (const rule of applicable) {
    for (const path of [...pathsIn(live, rule), ...pathsIn(next, rule)]) setAt(out, path, getAt(live, path));
  }
  return out;
}
