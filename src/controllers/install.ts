/** Installs Ferry's CRDs and namespace into the cluster it runs against (`ferry install`, controller start). */
import type { Cluster } from '../kube/cluster.js';
import type { KubeObject } from '../kube/object.js';
import { allArgoCrds, applicationSetCrd } from '../api/argo/index.js';
import { allFluxSourceAndHelmCrds, kustomizationCrd } from '../api/flux/index.js';
import { sealedSecretCrd } from '../api/bitnami/index.js';
import { notificationCrds } from '../api/notification/index.js';
import { allImageReflectorCrds, imageUpdateAutomationCrd } from '../api/image/index.js';

export function ferryCrds(): KubeObject[] {
  return [
    ...allArgoCrds(),
    applicationSetCrd(),
    sealedSecretCrd(),
    ...allFluxSourceAndHelmCrds(),
    kustomizationCrd(),
    ...notificationCrds(),
    ...allImageReflectorCrds(),
    imageUpdateAutomationCrd(),
  ];
}

export async function installCrds(
  cluster: Cluster,
  crds: KubeObject[] = ferryCrds(),
  timeoutMs = 60_000,
): Promise<void> {
  for (const crd of crds) await cluster.apply(crd);
  const deadline = Date.now() + timeoutMs;
  for (const crd of crds) {
    for (;;) {
      const live = await cluster.get({
        apiVersion: crd.apiVersion,
        kind: crd.kind,
        name: crd.metadata.name ?? '',
      });
      const conditions =
        (live?.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ??
        [];
      if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > deadline)
        throw new Error(`CRD ${crd.metadata.name} was not established within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  cluster.discovery.invalidate();
}

export async function ensureNamespace(cluster: Cluster, name: string): Promise<void> {
  if (await cluster.get({ apiVersion: 'v1', kind: 'Namespace', name })) return;
  await cluster.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}
