/**
 * The Applications and AppProjects of the control namespace as the controller's watches
 * last saw them, so a reconcile reads its app and project from memory instead of two
 * GETs. The controller's own writes (status, operation, refresh annotation) are recorded
 * as they return, so a reconcile never sees its app older than its last write.
 */
import { ARGO_API_VERSION } from '../../api/argo/index.js';
import type { Cluster, ObjectRef } from '../../kube/cluster.js';
import { LiveObjectCache, type Known, type Observed } from '../../kube/live-cache.js';
import type { KubeObject } from '../../kube/object.js';
import { watchCollection, type CollectionWatch, type WatchEventType } from '../../kube/watch.js';
import type { Logger } from '../../util/log.js';

const kinds = ['Application', 'AppProject'];

export class HomeObjects {
  private readonly cache = new LiveObjectCache(() => true);

  constructor(
    private readonly home: Cluster,
    private readonly namespace: string,
  ) {
    home.onWrite((ref, written) => {
      if (!this.ours(ref)) return;
      if (written) this.cache.wrote(home.server, written);
      else this.cache.deleted(home.server, ref);
    });
  }

  /** Call from the watch of `kind` in the control namespace: when it has listed, or broke. */
  setSynced(kind: string, synced: boolean): void {
    this.cache.setSynced(this.home.server, { apiVersion: ARGO_API_VERSION, kind }, synced);
  }

  /** Call from the watch first, so what the event queues reads the object it brought. */
  observe(type: WatchEventType, obj: KubeObject): Observed {
    return this.cache.observe(this.home.server, type, obj);
  }

  /** The object (or its absence) from memory; undefined when the server must be asked. */
  lookup(ref: ObjectRef): Known | undefined {
    return this.ours(ref) ? this.cache.lookup(this.home.server, ref) : undefined;
  }

  /** Watches AppProjects into memory (Applications come from the controller's own watch). */
  watchProjects(log: Logger): CollectionWatch {
    return watchCollection(
      this.home,
      {
        apiVersion: ARGO_API_VERSION,
        kind: 'AppProject',
        namespace: this.namespace,
        onSync: (synced) => this.setSynced('AppProject', synced),
      },
      (type, obj) => this.observe(type, obj),
      (err) => log.warn('appproject watch restarting', { error: (err as Error).message }),
    );
  }

  private ours(ref: ObjectRef): boolean {
    return (
      ref.apiVersion === ARGO_API_VERSION && kinds.includes(ref.kind) && ref.namespace === this.namespace
    );
  }
}
