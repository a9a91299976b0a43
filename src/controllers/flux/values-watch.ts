/**
 * Watches on the ConfigMaps and Secrets HelmReleases read values from, so a change there
 * upgrades the release in seconds instead of at the next interval. Watches are per
 * namespace and kind, started when a HelmRelease first references that kind there; an
 * event queues only the HelmReleases that reference the changed object.
 */
import type { HelmRelease } from '../../api/flux/index.js';
import type { Cluster } from '../../kube/cluster.js';
import { watchCollection, type CollectionWatch } from '../../kube/watch.js';
import type { Logger } from '../../util/log.js';
import { objectKey } from './kind-controller.js';

export class ValuesWatches {
  private readonly watches = new Map<string, CollectionWatch>();
  /** `kind/namespace/name` of a values object → keys of the HelmReleases reading it. */
  private readonly readers = new Map<string, Set<string>>();
  /** HelmRelease key → the values objects it read last time. */
  private readonly byRelease = new Map<string, string[]>();

  constructor(
    private readonly home: Cluster,
    private readonly onChange: (hrKey: string) => void,
    private readonly log: Logger,
  ) {}

  /** Records what `hr` reads and makes sure those objects are watched. */
  track(hr: HelmRelease): void {
    const namespace = hr.metadata.namespace ?? 'default';
    const key = objectKey(namespace, hr.metadata.name ?? '');
    for (const old of this.byRelease.get(key) ?? []) this.readers.get(old)?.delete(key);
    const objects = (hr.spec.valuesFrom ?? []).map((ref) => `${ref.kind}/${namespace}/${ref.name}`);
    this.byRelease.set(key, objects);
    for (const object of objects) {
      let set = this.readers.get(object);
      if (!set) this.readers.set(object, (set = new Set()));
      set.add(key);
    }
    for (const kind of new Set((hr.spec.valuesFrom ?? []).map((r) => r.kind))) this.ensure(namespace, kind);
  }

  forget(hrKey: string): void {
    for (const old of this.byRelease.get(hrKey) ?? []) this.readers.get(old)?.delete(hrKey);
    this.byRelease.delete(hrKey);
  }

  stop(): void {
    for (const w of this.watches.values()) w.stop();
    this.watches.clear();
  }

  private ensure(namespace: string, kind: string): void {
    const id = `${kind}/${namespace}`;
    if (this.watches.has(id)) return;
    let initial = true;
    const watch = watchCollection(
      this.home,
      { apiVersion: 'v1', kind, namespace },
      (type, obj) => {
        if (initial && type === 'ADDED') return;
        for (const hrKey of this.readers.get(`${kind}/${namespace}/${obj.metadata.name ?? ''}`) ?? [])
          this.onChange(hrKey);
      },
      (err) => this.log.debug('values watch restarting', { kind, namespace, error: (err as Error).message }),
    );
    setTimeout(() => (initial = false), 2000).unref();
    this.watches.set(id, watch);
  }
}
