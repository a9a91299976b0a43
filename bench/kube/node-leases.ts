/**
 * Keeps the bed's kwok nodes alive for runs longer than a minute. The bed gives kwok
 * the "heartbeat-with-lease" stage (node status every ~10 min, liveness through the
 * node's Lease) but starts kwok without --node-lease-duration-seconds, so nobody renews
 * the Leases: after the controller-manager's grace period every node turns NotReady,
 * its pods lose Ready and Deployments stop being Available. Until the bed renews them,
 * the harness does, as a kubelet would (Leases are bed background in the API figures).
 */
import type { Cluster } from '../../src/kube/cluster.js';

/** Lease renewTime is a MicroTime: RFC 3339 with exactly six fractional digits. */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

async function renew(cluster: Cluster): Promise<void> {
  const nodes = await cluster.list('v1', 'Node');
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    await cluster.apply({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: 'kube-node-lease' },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: microTime(new Date()) },
    });
  }
}

export function keepNodeLeases(
  cluster: Cluster,
  onError: (err: unknown) => void,
  intervalMs = 10_000,
): { stop(): void } {
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    renew(cluster)
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer: NodeJS.Timeout = setTimeout(tick, 0);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
