/** Small helpers for integration tests that talk to a test-bed cluster. */
import {
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  type KubernetesObject,
} from '@kubernetes/client-node';

export function kubeConfigFrom(path: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
}

export function objectApi(kubeconfigPath: string): KubernetesObjectApi {
  return KubernetesObjectApi.makeApiClient(kubeConfigFrom(kubeconfigPath));
}

/** Server-side apply with the given field manager. */
export function serverSideApply<T extends KubernetesObject>(
  api: KubernetesObjectApi,
  object: T,
  fieldManager = 'ferry-test',
): Promise<T> {
  return api.patch(object, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply);
}

/** Polls `read` until `done` holds for its result, or fails with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 60_000, intervalMs = 250 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(
    `condition not reached in ${timeoutMs} ms; last value: ${JSON.stringify(last)?.slice(0, 2000)}${lastError instanceof Error ? `; last error: ${lastError.message}` : ''}`,
  );
}
