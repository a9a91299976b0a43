/** Test fixtures: `kind-state.yaml` files in this folder, parsed into plain objects. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isKubeObject, type KubeObject, type ObjectMeta } from '../../kube/object.js';

export function loadFixture(name: string): KubeObject {
  const text = readFileSync(new URL(`./${name}.yaml`, import.meta.url), 'utf8');
  const value: unknown = parse(text);
  if (!isKubeObject(value)) throw new Error(`fixture ${name} is not a Kubernetes object`);
  return value;
}

/** An inline object for table-driven tests: `spec`, `status` and the like go in `fields`. */
export function makeObject(
  apiVersion: string,
  kind: string,
  fields: Record<string, unknown> = {},
  metadata: ObjectMeta = {},
): KubeObject {
  return { apiVersion, kind, metadata: { name: 'example', namespace: 'default', ...metadata }, ...fields };
}
