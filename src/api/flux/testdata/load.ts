/** Test fixtures: YAML files beside this one (multi-document files give every document). */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export type Doc = Record<string, unknown>;

export function loadAll(name: string): Doc[] {
  const text = readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
  return parseAllDocuments(text).map((d) => d.toJSON() as Doc);
}

export function load(name: string): Doc {
  return loadAll(name)[0]!;
}

/** A deep copy of `doc` with the field at the dotted `path` set to `value` (`undefined` deletes it). */
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
