/** Waiting on the cluster: a wave's resources to become healthy, a hook to finish. */
import type { Cluster } from '../kube/cluster.js';
import { refOf } from '../kube/cluster.js';
import type { KubeObject } from '../kube/object.js';
import { resourceHealth } from '../health/index.js';

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves undefined once all are Healthy (or have no health), else a message at the timeout or on Degraded. */
export async function waitForHealthy(
  cluster: Cluster,
  objects: KubeObject[],
  timeoutMs: number,
): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
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
    await pause(500);
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
): Promise<HookOutcome> {
  if (hook.kind !== 'Job' && hook.kind !== 'Pod')
    return { phase: 'Succeeded', message: `${hook.kind}/${hook.metadata.name} created` };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const live = await cluster.get(refOf(hook));
    const health = live ? resourceHealth(live) : undefined;
    if (health?.status === 'Healthy')
      return {
        phase: 'Succeeded',
        message: health.message ?? `${hook.kind}/${hook.metadata.name} succeeded`,
      };
    if (health?.status === 'Degraded')
      return { phase: 'Failed', message: health.message ?? `${hook.kind}/${hook.metadata.name} failed` };
    await pause(500);
  }
  return { phase: 'Failed', message: `hook ${hook.kind}/${hook.metadata.name} did not finish in time` };
}
