/**
 * One destination cluster: server-side apply (field manager "ferry"), dry runs,
 * reads, lists, deletes and events, over raw JSON. The only place that knows REST paths.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { Discovery, resourcePath, type ApiResource } from './discovery.js';
import { RestClient, type ConnectionLimits, type RequestCounter } from './rest.js';
import { isNotFound } from './errors.js';
import type { KubeObject } from './object.js';

export const fieldManager = 'ferry';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface ApplyOptions {
  dryRun?: boolean;
  /** Take ownership of fields other managers set (kubectl --force-conflicts). Default true, as Argo CD does. */
  force?: boolean;
}

/** Told of each object this client wrote (as the server returned it), or deleted (undefined). */
export type WriteObserver = (ref: ObjectRef, written: KubeObject | undefined) => void;

export class Cluster {
  readonly discovery: Discovery;
  private readonly writeObservers: WriteObserver[] = [];

  constructor(
    readonly name: string,
    readonly rest: RestClient,
    readonly kubeConfig: KubeConfig,
  ) {
    this.discovery = new Discovery(rest);
  }

  static async fromKubeConfig(
    name: string,
    kc: KubeConfig,
    onRequest?: RequestCounter,
    limits?: ConnectionLimits,
  ): Promise<Cluster> {
    return new Cluster(name, await RestClient.fromKubeConfig(kc, onRequest, limits), kc);
  }

  static async fromFile(name: string, path: string, onRequest?: RequestCounter): Promise<Cluster> {
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    return Cluster.fromKubeConfig(name, kc, onRequest);
  }

  get server(): string {
    return this.rest.server;
  }

  /** Hear of every write made through this client (caches use it to never lag behind one). */
  onWrite(observer: WriteObserver): void {
    this.writeObservers.push(observer);
  }

  private wrote<T extends KubeObject>(written: T): T {
    for (const observe of this.writeObservers) observe(refOf(written), written);
    return written;
  }

  resourceFor(apiVersion: string, kind: string): Promise<ApiResource> {
    return this.discovery.resourceFor(apiVersion, kind);
  }

  /** Server-side apply; with dryRun the server returns the object as it would be stored. */
  async apply(obj: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    const res = await this.resourceFor(obj.apiVersion, obj.kind);
    const body = { ...obj, metadata: withoutServerFields(obj.metadata) };
    const result = await this.rest.send<KubeObject>({
      method: 'PATCH',
      path: resourcePath(res, obj.metadata.namespace, obj.metadata.name),
      query: { fieldManager, force: options.force ?? true, dryRun: options.dryRun ? 'All' : undefined },
      body,
      contentType: 'application/apply-patch+yaml',
    });
    return options.dryRun ? result : this.wrote(result);
  }

  /** Replaces the object (Argo CD's Replace=true sync option); creates it when missing. */
  async replace(obj: KubeObject): Promise<KubeObject> {
    const res = await this.resourceFor(obj.apiVersion, obj.kind);
    const live = await this.get(refOf(obj));
    if (!live) {
      return this.wrote(
        await this.rest.send<KubeObject>({
          method: 'POST',
          path: resourcePath(res, obj.metadata.namespace),
          body: obj,
          query: { fieldManager },
        }),
      );
    }
    const body = { ...obj, metadata: { ...obj.metadata, resourceVersion: live.metadata.resourceVersion } };
    return this.wrote(
      await this.rest.send<KubeObject>({
        method: 'PUT',
        path: resourcePath(res, obj.metadata.namespace, obj.metadata.name),
        body,
        query: { fieldManager },
      }),
    );
  }

  async create(obj: KubeObject): Promise<KubeObject> {
    const res = await this.resourceFor(obj.apiVersion, obj.kind);
    return this.wrote(
      await this.rest.send<KubeObject>({
        method: 'POST',
        path: resourcePath(res, obj.metadata.namespace),
        body: obj,
        query: { fieldManager },
      }),
    );
  }

  /** The live object, or undefined when it does not exist. */
  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    const res = await this.resourceFor(ref.apiVersion, ref.kind);
    try {
      return await this.rest.send<KubeObject>({
        method: 'GET',
        path: resourcePath(res, ref.namespace, ref.name),
      });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async list(
    apiVersion: string,
    kind: string,
    options: { namespace?: string; labelSelector?: string } = {},
  ): Promise<KubeObject[]> {
    const res = await this.resourceFor(apiVersion, kind);
    const items: KubeObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.rest.send<{ items: KubeObject[]; metadata: { continue?: string } }>({
        method: 'GET',
        path: resourcePath(res, options.namespace),
        query: { labelSelector: options.labelSelector, limit: 500, continue: token },
      });
      // List items carry no apiVersion/kind; put them back so they are whole objects.
      for (const item of page.items) items.push({ ...item, apiVersion, kind });
      token = page.metadata.continue || undefined;
    } while (token);
    return items;
  }

  /** Merge-patches an object (used for status and annotations of our own resources). */
  async mergePatch(ref: ObjectRef, patch: unknown, subresource?: string): Promise<KubeObject> {
    const res = await this.resourceFor(ref.apiVersion, ref.kind);
    const path = resourcePath(res, ref.namespace, ref.name) + (subresource ? `/${subresource}` : '');
    return this.wrote(
      await this.rest.send<KubeObject>({
        method: 'PATCH',
        path,
        body: patch,
        contentType: 'application/merge-patch+json',
      }),
    );
  }

  /** Applies an RFC 6902 JSON patch (exact replacement of whole fields, e.g. /status). */
  async jsonPatch(ref: ObjectRef, patch: unknown[]): Promise<KubeObject> {
    const res = await this.resourceFor(ref.apiVersion, ref.kind);
    return this.wrote(
      await this.rest.send<KubeObject>({
        method: 'PATCH',
        path: resourcePath(res, ref.namespace, ref.name),
        body: patch,
        contentType: 'application/json-patch+json',
      }),
    );
  }

  /** Deletes; resolves false when it was already gone. */
  async delete(
    ref: ObjectRef,
    propagationPolicy: 'Foreground' | 'Background' | 'Orphan' = 'Foreground',
  ): Promise<boolean> {
    const res = await this.resourceFor(ref.apiVersion, ref.kind);
    try {
      await this.rest.send({
        method: 'DELETE',
        path: resourcePath(res, ref.namespace, ref.name),
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy },
      });
      for (const observe of this.writeObservers) observe(ref, undefined);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }
}

export function refOf(obj: KubeObject): ObjectRef {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name ?? '',
  };
}

function withoutServerFields(meta: KubeObject['metadata']): KubeObject['metadata'] {
  const {
    resourceVersion: _rv,
    uid: _uid,
    managedFields: _mf,
    creationTimestamp: _ct,
    generation: _g,
    ...rest
  } = meta;
  return rest;
}
