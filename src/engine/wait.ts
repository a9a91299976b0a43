/** Waiting on the cluster: a wave's resources to become healthy, a hook to finish. */
import type { Cluster } from '../kube/cluster.js';
import { refOf } from '../kube/cluster.js';
import type { KubeObject } from '../kube/object.js';
import { resourceHealth } from '../health/index.js';

/** Waits `ms`, or less when `signal` aborts (the operation was terminated). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** What a terminated operation says, as Argo CD. */
export const terminatedMessage = 'Operation terminated';

/**
 * Resolves undefined once all are Healthy (or have no health), else a message at the
 * timeout, on Degraded, or when `signal` aborts.
 */
export async function waitForHealthy(
  cluster: Cluster,
  objects: KubeObject[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) return terminatedMessage;
    const pending: string[] = [];
    for (const obj of objects) {
      const live = await cluster.get(refOf(obj));
      const health = live ? resourceHealth(live) : { status: 'Missing' as const, message: 'not found' };
      if (!health || health.status === 'Healthy') continue;
      if (health.status === 'Degraded')
        return `${obj.kind}/${obj.metadata.name} is Degraded: ${health.message ?? ''}`;
      pending.push(`${obj.kind}/${obj.metadata.name} (${health.status})`);
    }
    if (pending.length === 0) return undefined;
    if (Date.now() > deadline) return `timed out waiting for ${pending.join(', ')} to become healthy`;
    await pause(500, signal);
  }
}

export interface HookOutcome {
  phase: 'Succeeded' | 'Failed';
  message: string;
}

/** A hook is done when its Job completes or its Pod succeeds; other kinds are done once created. */
export async function waitForHook(
  cluster: Cluster,
  hook: KubeObject,
  timeoutMs = 600_000,
  signal?: AbortSignal,
): Promise<HookOutcome> {
  if (hook.kind !== 'Job' && hook.kind !== 'Pod')
    return { phase: 'Succeeded', message: `${hook.kind}/${hook.metadata.name} created` };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (signal?.aborted) return { phase: 'Failed', message: terminatedMessage };
    const outcome = await hookOutcome(cluster, hook);
    if (outcome) return outcome;
    await pause(500, signal);
  }
  return { phase: 'Failed', message: `hook ${hook.kind}/${hook.metadata.name} did not finish in time` };
}

/** The hook's outcome once it has one; undefined while it runs. */
async function hookOutcome(cluster: Cluster, hook: KubeObject): Promise<HookOutcome | undefined> {
  const live = await cluster.get(refOf(hook));
  const health = live ? resourceHealth(live) : undefined;
  const name = `${hook.kind}/${hook.metadata.name}`;
  if (health?.status === 'Healthy')
    return { phase: 'Succeeded', message: health.message ?? `${name} succeeded` };
  if (health?.status === 'Degraded') return { phase: 'Failed', message: health.message ?? `${name} failed` };
  return undefined;
}
