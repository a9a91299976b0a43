/**
 * API discovery for one cluster: which resource (plural) serves a kind, and whether
 * it is namespaced. Cached; a miss refreshes once, since a sync may have just
 * installed the CRD that serves the kind.
 */
import type { RestClient } from './rest.js';
import { groupOf } from './object.js';

export interface ApiResource {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  verbs: string[];
}

interface ResourceList {
  groupVersion: string;
  resources: Array<{ name: string; kind: string; namespaced: boolean; verbs: string[] }>;
}

interface GroupList {
  groups: Array<{ versions: Array<{ groupVersion: string }> }>;
}

/** A kind that no API of the cluster serves (missing CRD, wrong apiVersion). */
export class UnknownKindError extends Error {
  constructor(
    readonly apiVersion: string,
    readonly kind: string,
  ) {
    super(`the server has no resource for ${kind} in ${apiVersion} (is its CRD installed?)`);
    this.name = 'UnknownKindError';
  }
}

export class Discovery {
  private byKind = new Map<string, ApiResource>();
  private loaded: Promise<void> | undefined;
  private serverVersion: string | undefined;

  constructor(private readonly rest: RestClient) {}

  async resourceFor(apiVersion: string, kind: string): Promise<ApiResource> {
    await (this.loaded ??= this.loadOnce());
    let found = this.byKind.get(`${apiVersion}/${kind}`);
    if (!found) {
      this.loaded = this.loadOnce();
      await this.loaded;
      found = this.byKind.get(`${apiVersion}/${kind}`);
    }
    if (!found) throw new UnknownKindError(apiVersion, kind);
    return found;
  }

  /** Every group/version the server serves, for `helm template --api-versions`. */
  async apiVersions(): Promise<string[]> {
    await (this.loaded ??= this.loadOnce());
    return [...new Set([...this.byKind.values()].map((r) => r.apiVersion))].sort();
  }

  async version(): Promise<string> {
    if (!this.serverVersion) {
      const v = await this.rest.send<{ gitVersion: string }>({ method: 'GET', path: '/version' });
      this.serverVersion = v.gitVersion;
    }
    return this.serverVersion;
  }

  invalidate(): void {
    this.loaded = undefined;
  }

  /** A load that is forgotten when it fails (an unreachable server), so the next call tries again. */
  private loadOnce(): Promise<void> {
    const loading = this.load();
    loading.catch(() => {
      if (this.loaded === loading) this.loaded = undefined;
    });
    return loading;
  }

  private async load(): Promise<void> {
    const groupVersions = ['v1'];
    const groups = await this.rest.send<GroupList>({ method: 'GET', path: '/apis' });
    for (const g of groups.groups) for (const v of g.versions) groupVersions.push(v.groupVersion);
    const lists = await Promise.all(
      groupVersions.map((gv) =>
        this.rest
          .send<ResourceList>({ method: 'GET', path: gv === 'v1' ? '/api/v1' : `/apis/${gv}` })
          .catch(() => undefined),
      ),
    );
    const next = new Map<string, ApiResource>();
    for (const list of lists) {
      if (!list) continue;
      for (const r of list.resources) {
        if (r.name.includes('/')) continue; // subresources
        next.set(`${list.groupVersion}/${r.kind}`, {
          apiVersion: list.groupVersion,
          kind: r.kind,
          plural: r.name,
          namespaced: r.namespaced,
          verbs: r.verbs,
        });
      }
    }
    this.byKind = next;
  }
}

/** The REST path of a collection or object. */
export function resourcePath(res: ApiResource, namespace?: string, name?: string): string {
  const group = groupOf(res.apiVersion);
  const base = group ? `/apis/${res.apiVersion}` : `/api/${res.apiVersion}`;
  const ns = res.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${res.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}
