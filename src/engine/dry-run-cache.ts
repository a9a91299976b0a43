/**
 * Remembers server-side dry-run results, so an object whose desired manifest and live
 * state are both unchanged is not dry-run again at every reconcile.
 *
 * The answer of a dry-run apply depends on the desired object, and on the live object
 * apart from what the diff ignores anyway: its status, resourceVersion, generation, and
 * the timestamps in managedFields and the managedFields entries of subresources (a
 * rollout's status updates). Everything else in the live object, its uid included, is
 * part of the key: a `kubectl edit` of spec, labels, annotations or data, or another
 * field manager taking a field, is a miss. Entries expire after `ttlMs`, so changes the
 * object cannot show (a new admission webhook, new defaults) are seen within that time,
 * and a hard refresh bypasses the cache.
 */
import { createHash } from 'node:crypto';
import { stableJson } from '../render/cache.js';
import { keyString, type KubeObject } from '../kube/object.js';

interface Entry {
  fingerprint: string;
  predicted: KubeObject;
  at: number;
}

export interface DryRunCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export class DryRunCache {
  /** One entry per object (cluster and key): a newer fingerprint replaces the older. */
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(options: DryRunCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  /** The remembered dry-run result for this desired object against this live one, if any. */
  get(server: string, desired: KubeObject, live: KubeObject): KubeObject | undefined {
    const key = entryKey(server, desired);
    const entry = this.entries.get(key);
    const fresh = entry && this.now() - entry.at < this.ttlMs;
    if (fresh && entry.fingerprint === dryRunFingerprint(desired, live)) {
      this.hits += 1;
      return entry.predicted;
    }
    if (entry && !fresh) this.entries.delete(key);
    this.misses += 1;
    return undefined;
  }

  set(server: string, desired: KubeObject, live: KubeObject, predicted: KubeObject): void {
    const key = entryKey(server, desired);
    this.entries.delete(key);
    this.entries.set(key, {
      fingerprint: dryRunFingerprint(desired, live),
      predicted: withoutDiffIgnored(predicted),
      at: this.now(),
    });
    // Map order is insertion order: the first entry is the oldest.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Status and managedFields are left out of every diff (diff/normalize.ts): not worth the memory. */
function withoutDiffIgnored(predicted: KubeObject): KubeObject {
  const { status: _s, metadata, ...rest } = predicted;
  const { managedFields: _mf, ...meta } = metadata;
  return { ...rest, metadata: meta };
}

function entryKey(server: string, desired: KubeObject): string {
  return `${server}|${keyString(desired)}`;
}

/** What a dry-run's answer depends on, as a hash: the desired object and the live one's relevant parts. */
export function dryRunFingerprint(desired: KubeObject, live: KubeObject): string {
  const { status: _s, metadata, ...rest } = live;
  const { resourceVersion: _rv, generation: _g, managedFields, ...meta } = metadata;
  const owners = (managedFields ?? []).filter((m) => !m.subresource).map(({ time: _t, ...m }) => m);
  return createHash('sha256')
    .update(stableJson(desired))
    .update('\0')
    .update(stableJson({ ...rest, metadata: { ...meta, managedFields: owners } }))
    .digest('base64');
}
