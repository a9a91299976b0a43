/**
 * The inventory Flux keeps in `status.inventory.entries`: one entry per applied object,
 * `id` = `<namespace>_<name>_<group>_<kind>` and `v` = its version. Pruning is computed
 * from it alone: what the previous inventory holds and the new build does not.
 */
import type { InventoryEntry } from '../../../api/flux/index.js';
import type { ObjectRef } from '../../../kube/cluster.js';
import { groupOf, type KubeObject } from '../../../kube/object.js';

export function entryOf(obj: KubeObject): InventoryEntry {
  const group = groupOf(obj.apiVersion);
  const version = obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1);
  const ns = obj.metadata.namespace ?? '';
  return { id: `${ns}_${obj.metadata.name ?? ''}_${group}_${obj.kind}`, v: version };
}

/** Entries of the objects, sorted by id as Flux sorts them. */
export function inventoryOf(objects: KubeObject[]): InventoryEntry[] {
  const byId = new Map(objects.map((o) => [entryOf(o).id, entryOf(o)]));
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Entries in `previous` whose object (by id; a version change is the same object) is gone from `next`. */
export function staleEntries(previous: InventoryEntry[], next: InventoryEntry[]): InventoryEntry[] {
  const keep = new Set(next.map((e) => e.id));
  return previous.filter((e) => !keep.has(e.id));
}

export function refOfEntry(entry: InventoryEntry): ObjectRef & { group: string } {
  const [namespace = '', name = '', group = '', kind = ''] = entry.id.split('_');
  return {
    apiVersion: group ? `${group}/${entry.v}` : entry.v,
    kind,
    group,
    name,
    ...(namespace ? { namespace } : {}),
  };
}

/** `Kind/namespace/name` (or `Kind/name` for cluster-scoped), as Flux names objects in messages. */
export function displayName(ref: { kind: string; namespace?: string; name?: string }): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name ?? ''}` : `${ref.kind}/${ref.name ?? ''}`;
}
