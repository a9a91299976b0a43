/**
 * Tells which Application watch events bring something new to act on. Argo CD's CRD has
 * no status subresource, so each status write by this controller comes back as a
 * MODIFIED event; reconciling again for it only repeats the comparison just written.
 * Anything else (spec, operation, annotations such as a refresh request, labels,
 * finalizers, deletion) counts as a change.
 */
import { createHash } from 'node:crypto';
import { stableJson } from '../../render/cache.js';
import type { KubeObject } from '../../kube/object.js';

export class AppChanges {
  private readonly last = new Map<string, string>();

  /** Records the app as seen now; true when more than its status changed since it was last seen. */
  seen(app: KubeObject): boolean {
    const name = app.metadata.name ?? '';
    const print = appFingerprint(app);
    const changed = this.last.get(name) !== print;
    this.last.set(name, print);
    return changed;
  }

  forget(name: string): void {
    this.last.delete(name);
  }
}

/** The app without its status and the server's bookkeeping (resourceVersion, generation, managedFields). */
export function appFingerprint(app: KubeObject): string {
  const { status: _s, metadata, ...rest } = app;
  const { resourceVersion: _rv, generation: _g, managedFields: _mf, ...meta } = metadata;
  return createHash('sha256')
    .update(stableJson({ ...rest, metadata: meta }))
    .digest('base64');
}
