/**
 * Watches a collection and keeps watching: list to learn the resourceVersion, watch
 * from there, restart on disconnect, relist when the server says the version is too
 * old (410). Callers get every object once at the start (as ADDED), then changes.
 */
import { Watch } from '@kubernetes/client-node';
import type { Cluster } from './cluster.js';
import { resourcePath } from './discovery.js';
import type { KubeObject } from './object.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type WatchHandler = (type: WatchEventType, obj: KubeObject) => void;

export interface CollectionWatch {
  stop(): void;
}

/** The collection to watch; `onSync` hears when what the watch reported is complete and current. */
export interface WatchTarget {
  apiVersion: string;
  kind: string;
  namespace?: string;
  /**
   * true after each full list; false when the watch broke and must list again (events
   * may have been missed, so anything kept from it is no longer trustworthy).
   */
  onSync?: (synced: boolean) => void;
}

export function watchCollection(
  cluster: Cluster,
  target: WatchTarget,
  onEvent: WatchHandler,
  onError: (err: unknown) => void = () => undefined,
): CollectionWatch {
  let stopped = false;
  let abort: AbortController | undefined;
  const watcher = new Watch(cluster.kubeConfig);
  const loop = async (): Promise<void> => {
    let resourceVersion: string | undefined;
    while (!stopped) {
      try {
        const res = await cluster.resourceFor(target.apiVersion, target.kind);
        const path = resourcePath(res, target.namespace);
        if (!resourceVersion) {
          resourceVersion = await listAll(cluster, { path, target, onEvent });
          target.onSync?.(true);
        }
        resourceVersion = await watchOnce(watcher, {
          path,
          resourceVersion,
          onEvent,
          setAbort: (a) => (abort = a),
        });
        if (!resourceVersion) target.onSync?.(false);
      } catch (err) {
        target.onSync?.(false);
        if (stopped) return;
        onError(err);
        resourceVersion = undefined;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  void loop();
  return {
    stop: () => {
      stopped = true;
      target.onSync?.(false);
      abort?.abort();
    },
  };
}

/** Lists the collection, reports every item as ADDED, and returns the list's resourceVersion. */
async function listAll(
  cluster: Cluster,
  list: { path: string; target: { apiVersion: string; kind: string }; onEvent: WatchHandler },
): Promise<string> {
  const { path, target, onEvent } = list;
  const res = await cluster.rest.send<{
    items: KubeObject[];
    metadata: { resourceVersion: string };
  }>({ method: 'GET', path });
  // List items come without apiVersion and kind; the watch events carry them.
  for (const item of res.items)
    onEvent('ADDED', { ...item, apiVersion: target.apiVersion, kind: target.kind });
  return res.metadata.resourceVersion;
}

interface WatchOnceOptions {
  path: string;
  /** Where to start watching from. */
  resourceVersion: string;
  onEvent: WatchHandler;
  /** Receives the connection's AbortController, so stop() can close it. */
  setAbort: (a: AbortController) => void;
}

/** One watch connection; resolves with the last resourceVersion seen, or undefined to relist. */
function watchOnce(watcher: Watch, options: WatchOnceOptions): Promise<string | undefined> {
  const { path, resourceVersion, onEvent, setAbort } = options;
  return new Promise((resolve, reject) => {
    let last: string | undefined = resourceVersion;
    watcher
      .watch(
        path,
        { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 300 },
        (type: string, obj: KubeObject & { code?: number }) => {
          if (type === 'ERROR') {
            last = undefined; // 410 Gone and friends: relist
            return;
          }
          if (obj?.metadata?.resourceVersion) last = obj.metadata.resourceVersion;
          if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') onEvent(type, obj);
        },
        (err: unknown) =>
          err && !(err instanceof Error && err.name === 'AbortError') ? reject(asError(err)) : resolve(last),
      )
      .then(setAbort, reject);
  });
}

/** The watch library may end a connection with a non-Error value; keep it as the cause. */
function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err), { cause: err });
}
