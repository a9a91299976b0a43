/**
 * Watches on the kinds apps manage, per destination cluster, so a change made in the
 * cluster (kubectl edit, a rollout finishing) brings its app back into the queue in
 * seconds. Objects are mapped to apps by their tracking annotation.
 */
import type { Cluster } from '../kube/cluster.js';
import { watchCollection, type CollectionWatch } from '../kube/watch.js';
import { trackedBy } from '../engine/tracking.js';
import type { Logger } from '../util/log.js';

export class LiveWatches {
  private readonly watches = new Map<string, CollectionWatch>();

  constructor(
    private readonly onChange: (appInstance: string) => void,
    private readonly log: Logger,
  ) {}

  ensure(cluster: Cluster, kinds: Array<{ apiVersion: string; kind: string }>): void {
    for (const k of kinds) {
      const key = `${cluster.server}|${k.apiVersion}|${k.kind}`;
      if (this.watches.has(key)) continue;
      let initial = true;
      const watch = watchCollection(
        cluster,
        k,
        (type, obj) => {
          const app = trackedBy(obj);
          if (app && !(initial && type === 'ADDED')) this.onChange(app);
        },
        (err) => this.log.debug('live watch restarting', { kind: k.kind, error: (err as Error).message }),
      );
      setTimeout(() => (initial = false), 2000).unref();
      this.watches.set(key, watch);
    }
  }

  stop(): void {
    for (const w of this.watches.values()) w.stop();
    this.watches.clear();
  }
}
