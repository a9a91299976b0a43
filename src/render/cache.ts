/**
 * Rendered manifests cached by everything that determines them (source revision or
 * chart digest, path, values, tool version, namespace, cluster capabilities), so an
 * unchanged app never renders twice. In memory, bounded; a restart simply re-renders.
 */
import { createHash } from 'node:crypto';
import type { KubeObject } from '../kube/object.js';

export class RenderCache {
  private readonly entries = new Map<string, KubeObject[]>();
  private readonly inflight = new Map<string, Promise<KubeObject[]>>();
  /** Renders actually executed (cache misses): the benchmark's "renders" figure. */
  renders = 0;
  hits = 0;

  constructor(private readonly maxEntries = 5000) {}

  static key(parts: unknown): string {
    return createHash('sha256').update(stableJson(parts)).digest('hex');
  }

  /** The cached result for `key`, or the result of `render()` (run once for concurrent callers). */
  async get(
    key: string,
    render: () => Promise<KubeObject[]>,
    force = false,
  ): Promise<{ objects: KubeObject[]; cached: boolean }> {
    const hit = force ? undefined : this.entries.get(key);
    if (hit) {
      this.hits += 1;
      this.entries.delete(key);
      this.entries.set(key, hit); // most recently used last
      return { objects: hit, cached: true };
    }
    let pending = this.inflight.get(key);
    if (!pending) {
      this.renders += 1;
      pending = render().finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    const objects = await pending;
    this.entries.set(key, objects);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return { objects, cached: false };
  }

  clear(): void {
    this.entries.clear();
  }
}

/** JSON with sorted object keys, so equal inputs give equal keys. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
