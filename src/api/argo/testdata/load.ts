/** Test fixtures: YAML files beside this one, and copies of them with one field changed. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type Doc = Record<string, unknown>;

export function loadFixture(name: string): Doc {
  return parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as Doc;
}

/**
 * A deep copy of `doc` with the field at the dotted `path` set to `value` (`undefined` deletes
 * it). Missing objects on the way are created.
 */
export function withField(doc: Doc, path: string, value: unknown): Doc {
  const copy = structuredClone(doc);
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let node: Record<string, unknown> = copy;
  for (const key of keys) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}
