/** Multi-document YAML (what helm and kustomize print) into Kubernetes objects. */
import { parseAllDocuments } from 'yaml';
import { isKubeObject, type KubeObject } from '../kube/object.js';
import { RenderError } from './errors.js';

export function parseManifests(text: string, origin: string): KubeObject[] {
  const objects: KubeObject[] = [];
  const docs = parseAllDocuments(text);
  for (const [i, doc] of docs.entries()) {
    if (doc.errors.length > 0) {
      throw new RenderError(`${origin}: invalid YAML in document ${i + 1}: ${doc.errors[0]!.message}`);
    }
    const value: unknown = doc.toJSON();
    if (value === null || value === undefined) continue;
    for (const item of flattenLists(value)) {
      if (!isKubeObject(item)) {
        throw new RenderError(
          `${origin}: document ${i + 1} is not a Kubernetes object (apiVersion, kind and metadata are required)`,
        );
      }
      objects.push(item);
    }
  }
  return objects;
}

/** `kind: List` (and *List) documents hold their objects in `items`. */
function flattenLists(value: unknown): unknown[] {
  const v = value as { kind?: unknown; items?: unknown };
  if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) return v.items;
  return [value];
}
