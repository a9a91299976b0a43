/**
 * One process-wide observer of the network requests the sources make (git fetch and
 * ls-remote, Helm index and chart downloads, OCI pulls, image registry calls). Sources
 * report through `observeSourceRequest`; whoever wants numbers (the metrics collector)
 * subscribes with `onSourceRequest`, so the sources never import metrics.
 */
export type SourceKind = 'git' | 'helm' | 'oci' | 'registry';

export interface SourceRequest {
  kind: SourceKind;
  /** A short, low-cardinality name: `fetch`, `ls-remote`, `index`, `chart`, `pull`, `manifest`... */
  operation: string;
  durationMs: number;
  result: 'success' | 'error';
}

type Listener = (request: SourceRequest) => void;

const listeners = new Set<Listener>();

/** Subscribes to every source request from now on; returns the unsubscribe function. */
export function onSourceRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportSourceRequest(request: SourceRequest): void {
  for (const l of listeners) {
    try {
      l(request);
    } catch {
      // An observer's failure must never fail a fetch.
    }
  }
}

/** Runs `request`, reporting its duration and whether it threw (or `failed(result)` says so). */
export async function observeSourceRequest<T>(
  kind: SourceKind,
  operation: string,
  request: () => Promise<T>,
  failed: (result: T) => boolean = () => false,
): Promise<T> {
  const start = performance.now();
  const report = (ok: boolean): void =>
    reportSourceRequest({
      kind,
      operation,
      durationMs: performance.now() - start,
      result: ok ? 'success' : 'error',
    });
  try {
    const result = await request();
    report(!failed(result));
    return result;
  } catch (err) {
    report(false);
    throw err;
  }
}

/**
 * The operation name of a registry (OCI distribution) URL: `tags`, `manifest`, `blob`,
 * `catalog`, `ping`, `token` (a token server, outside /v2/) or `other`.
 */
export function registryOperation(url: string | URL): string {
  const path = new URL(url).pathname;
  if (!path.startsWith('/v2')) return 'token';
  if (/\/tags\/list$/.test(path)) return 'tags';
  if (/\/manifests\//.test(path)) return 'manifest';
  if (/\/blobs\//.test(path)) return 'blob';
  if (/\/_catalog$/.test(path)) return 'catalog';
  return path === '/v2/' || path === '/v2' ? 'ping' : 'other';
}
