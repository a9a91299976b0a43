/**
 * Watches on the kinds apps manage, per destination cluster, so a change made in the
 * cluster (kubectl edit, a rollout finishing) brings its app back into the queue in
 * seconds. Objects are mapped to apps by their tracking annotation.
 *
 * What the watches see is kept (tracked objects only) and served to comparisons, so a
 * reconcile reads live objects from memory; see kube/live-cache.ts for when it is not.
 */
import type { Cluster, ObjectRef } from '../kube/cluster.js';
import { LiveObjectCache, type Known } from '../kube/live-cache.js';
import { watchCollection, type CollectionWatch } from '../kube/watch.js';
import { trackedBy } from '../engine/tracking.js';
import type { Logger } from '../util/log.js';

export class LiveWatches {
  private readonly watches = new Map<string, CollectionWatch>();
  private readonly cache = new LiveObjectCache((obj) => trackedBy(obj) !== undefined);
  private readonly observed = new WeakSet<Cluster>();

  constructor(
    private readonly onChange: (appInstance: string) => void,
    private readonly log: Logger,
  ) {}

  ensure(cluster: Cluster, kinds: Array<{ apiVersion: string; kind: string }>): void {
    this.observeWrites(cluster);
    for (const k of kinds) {
      const key = `${cluster.server}|${k.apiVersion}|${k.kind}`;
      if (this.watches.has(key)) continue;
      let initial = true;
      const watch = watchCollection(
        cluster,
        { ...k, onSync: (synced) => this.cache.setSynced(cluster.server, k, synced) },
        (type, obj) => {
          // The cache first: the reconcile this event queues must see the change.
          const seen = this.cache.observe(cluster.server, type, obj);
          const app = trackedBy(obj);
          if (app && seen === 'changed' && !(initial && type === 'ADDED')) this.onChange(app);
        },
        (err) => this.log.debug('live watch restarting', { kind: k.kind, error: (err as Error).message }),
      );
      setTimeout(() => (initial = false), 2000).unref();
      this.watches.set(key, watch);
    }
  }

  /** The live object (or its absence) as the watch last saw it; undefined when the server must be asked. */
  lookup(cluster: Cluster, ref: ObjectRef): Known | undefined {
    return this.cache.lookup(cluster.server, ref);
  }

  stop(): void {
    for (const w of this.watches.values()) w.stop();
    this.watches.clear();
  }

  private observeWrites(cluster: Cluster): void {
    if (this.observed.has(cluster)) return;
    this.observed.add(cluster);
    cluster.onWrite((ref, written) =>
      written ? this.cache.wrote(cluster.server, written) : this.cache.deleted(cluster.server, ref),
    );
  }
}
