/**
 * The live objects the controller's watches have seen, so a comparison reads them from
 * memory instead of a GET per object (as Argo CD's cluster cache does). Only objects
 * that carry a tracking mark are kept whole (the watches are cluster-wide; other objects
 * would only cost memory); of the others only their names, so that a name the watch
 * has not seen is known to be absent, and an untracked one is read from the server.
 *
 * A kind is served only while its watch is current (listed, and not failed since).
 * Ferry's own writes are recorded as they return, and a watch event older than what is
 * recorded is ignored, so the cache is never behind Ferry's own last write.
 */
import type { ObjectRef } from './cluster.js';
import type { KubeObject } from './object.js';

/**
 * What a watch event meant: a change to act on, or an older version than the one
 * already recorded (from one of Ferry's writes), which the event of that write follows.
 * The echo of a write itself is a change: the write may have come from another part of
 * the process (the UI, another controller) than the reconcile of the app it concerns.
 */
export type Observed = 'changed' | 'stale';

interface KindStore {
  synced: boolean;
  /** Kept objects by namespace/name; null for one that exists but is not kept. */
  objects: Map<string, KubeObject | null>;
}

/** What memory says about an object: `object` undefined means it does not exist. */
export interface Known {
  object?: KubeObject;
}

/** How long a deleted object is not served from memory, unless its watch says it is gone sooner. */
const deleteGraceMs = 30_000;

export class LiveObjectCache {
  private readonly kinds = new Map<string, KindStore>();
  /** Objects Ferry deleted, by full key: not served until the watch reports them gone. */
  private readonly deleting = new Map<string, number>();

  constructor(
    /** Which objects are kept: those this returns true for. */
    private readonly keep: (obj: KubeObject) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** The watch of this kind became current (listed) or stopped being so (failed, relisting). */
  setSynced(server: string, kind: Pick<ObjectRef, 'apiVersion' | 'kind'>, synced: boolean): void {
    const store = this.store(server, kind.apiVersion, kind.kind);
    store.synced = synced;
    if (!synced) store.objects.clear();
  }

  /** A watch event (or a listed item, as ADDED). */
  observe(server: string, type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KubeObject): Observed {
    const store = this.store(server, obj.apiVersion, obj.kind);
    const name = objectName(obj.metadata);
    const known = store.objects.get(name);
    if (type === 'DELETED') {
      this.deleting.delete(fullKey(server, obj.apiVersion, obj.kind, name));
      store.objects.delete(name);
      return 'changed';
    }
    if (known && isNewer(known, obj)) return 'stale';
    store.objects.set(name, this.keep(obj) ? obj : null);
    return 'changed';
  }

  /** An object as Ferry's own write returned it. */
  wrote(server: string, obj: KubeObject): void {
    const store = this.store(server, obj.apiVersion, obj.kind);
    const name = objectName(obj.metadata);
    const known = store.objects.get(name);
    if (known && !isNewer(obj, known)) return;
    store.objects.set(name, this.keep(obj) ? obj : null);
  }

  /** Ferry deleted this object: ask the server until the watch says it is gone. */
  deleted(server: string, ref: ObjectRef): void {
    const name = objectName(ref);
    this.store(server, ref.apiVersion, ref.kind).objects.set(name, null);
    this.deleting.set(fullKey(server, ref.apiVersion, ref.kind, name), this.now() + deleteGraceMs);
  }

  /** The live object (or its absence) from memory; undefined when the server must be asked. */
  lookup(server: string, ref: ObjectRef): Known | undefined {
    const store = this.kinds.get(kindKey(server, ref.apiVersion, ref.kind));
    if (!store?.synced) return undefined;
    const name = objectName(ref);
    const key = fullKey(server, ref.apiVersion, ref.kind, name);
    const until = this.deleting.get(key);
    if (until !== undefined) {
      if (until > this.now()) return undefined;
      this.deleting.delete(key);
    }
    const object = store.objects.get(name);
    if (object === null) return undefined;
    return { object };
  }

  /** How many objects are held whole (metrics, tests). */
  get size(): number {
    let n = 0;
    for (const s of this.kinds.values()) for (const o of s.objects.values()) if (o) n += 1;
    return n;
  }

  private store(server: string, apiVersion: string, kind: string): KindStore {
    const key = kindKey(server, apiVersion, kind);
    let store = this.kinds.get(key);
    if (!store) {
      store = { synced: false, objects: new Map() };
      this.kinds.set(key, store);
    }
    return store;
  }
}

function kindKey(server: string, apiVersion: string, kind: string): string {
  return `${server}|${apiVersion}|${kind}`;
}

function fullKey(server: string, apiVersion: string, kind: string, name: string): string {
  return `${kindKey(server, apiVersion, kind)}|${name}`;
}

function objectName(meta: { namespace?: string; name?: string }): string {
  return `${meta.namespace ?? ''}/${meta.name ?? ''}`;
}

/**
 * Whether `a` is a later version of the object than `b`. The API server's
 * resourceVersions are etcd revisions (integers) in practice; a different object (new
 * uid) or a version that is not a number counts as newer, so the watch stays in charge.
 */
export function isNewer(a: KubeObject, b: KubeObject): boolean {
  if (a.metadata.uid !== b.metadata.uid) return true;
  const x = a.metadata.resourceVersion ?? '';
  const y = b.metadata.resourceVersion ?? '';
  if (!/^\d+$/.test(x) || !/^\d+$/.test(y)) return x !== y;
  return BigInt(x) > BigInt(y);
}
