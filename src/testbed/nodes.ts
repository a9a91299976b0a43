/** Simulated nodes: plain Node objects that kwok keeps Ready and runs Pods on. */
import { CoreV1Api, KubeConfig, type V1Node } from '@kubernetes/client-node';

function fakeNode(name: string): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'kwok.x-k8s.io/node': 'fake' },
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/os': 'linux',
        'kubernetes.io/hostname': name,
        'node-role.kubernetes.io/agent': '',
        type: 'kwok',
      },
    },
    status: {
      allocatable: { cpu: '32', memory: '256Gi', pods: '1100' },
      capacity: { cpu: '32', memory: '256Gi', pods: '1100' },
    },
  };
}

/** Creates `count` nodes and waits until kwok reports them Ready. */
export async function createFakeNodes(
  kubeconfigPath: string,
  count: number,
  timeoutMs = 60_000,
): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const core = kc.makeApiClient(CoreV1Api);
  const names = Array.from({ length: count }, (_, i) => `kwok-node-${i}`);
  for (const name of names) await core.createNode({ body: fakeNode(name) });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const list = await core.listNode();
    const ready = list.items.filter((n) =>
      n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    ).length;
    if (ready >= count) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`kwok did not make ${count} nodes Ready within ${timeoutMs} ms (see kwok.log)`);
}
