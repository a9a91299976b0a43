/** Helpers for the Flux integration tests: objects, waits, and the real helm against the bed. */
import { stringify } from 'yaml';
import type { HelmRelease, HelmRepository } from '../../src/api/flux/index.js';
import type { Cluster } from '../../src/kube/cluster.js';
import type { KubeObject } from '../../src/kube/object.js';
import type { Testbed } from '../../src/testbed/testbed.js';
import { run } from '../../src/util/exec.js';
import { eventually } from '../support/kube.js';

export const hrRef = (namespace: string, name: string) => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  namespace,
  name,
});

export async function getHr(home: Cluster, namespace: string, name: string): Promise<HelmRelease> {
  const hr = (await home.get(hrRef(namespace, name))) as HelmRelease | undefined;
  if (!hr) throw new Error(`HelmRelease ${namespace}/${name} not found`);
  return hr;
}

export const condition = (
  obj: { status?: { conditions?: Array<{ type: string; status: string; reason: string; message: string }> } },
  type: string,
) => obj.status?.conditions?.find((c) => c.type === type);

/** Polls the HelmRelease `namespace/name` until `done` holds. */
export function waitForHr(
  home: Cluster,
  key: string,
  done: (hr: HelmRelease) => boolean,
  timeoutMs = 120_000,
): Promise<HelmRelease> {
  const [namespace = '', name = ''] = key.split('/');
  return eventually(() => getHr(home, namespace, name), done, { timeoutMs, intervalMs: 500 });
}

/** Ready=True for the current generation, at chart `version`. */
export const readyAt =
  (version: string) =>
  (hr: HelmRelease): boolean =>
    condition(hr, 'Ready')?.status === 'True' &&
    hr.status?.observedGeneration === hr.metadata.generation &&
    hr.status?.history?.[0]?.chartVersion === version;

export async function ensureNamespace(home: Cluster, name: string): Promise<void> {
  await home.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

export function configMap(
  namespace: string,
  name: string,
  data: Record<string, unknown> | string,
  key = 'values.yaml',
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace },
    data: { [key]: typeof data === 'string' ? data : stringify(data) },
  };
}

/** The registry credentials Secret the seed's OCI HelmRepository gets as its secretRef. */
export function registrySecret(
  bed: Testbed,
  namespace: string,
  name = 'registry-creds',
  password?: string,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    stringData: { username: bed.registry.username!, password: password ?? bed.registry.password! },
  };
}

/** The seed's OCI HelmRepository pointing at the bed: url changed, `insecure` and `secretRef` added. */
export function bedHelmRepository(
  seed: KubeObject,
  bed: Testbed,
  secretName = 'registry-creds',
): HelmRepository {
  const repo = structuredClone(seed) as HelmRepository;
  repo.spec.url = `${bed.registry.ociUrl}/charts`;
  repo.spec.insecure = true;
  repo.spec.secretRef = { name: secretName };
  return repo;
}

/** `helm <args>` with the real binary against the bed's cluster, as a user runs it. */
export async function helmCli(bed: Testbed, args: string[], cluster = 'dev'): Promise<string> {
  const { stdout } = await run(bed.tools.helm, args, {
    env: { ...bed.helm.env, KUBECONFIG: bed.clusters[cluster]!.kubeconfig },
  });
  return stdout;
}

export interface HelmHistoryEntry {
  revision: number;
  status: string;
  chart: string;
  app_version: string;
  description: string;
}

export async function helmHistory(
  bed: Testbed,
  release: string,
  namespace: string,
): Promise<HelmHistoryEntry[]> {
  return JSON.parse(
    await helmCli(bed, ['history', release, '-n', namespace, '-o', 'json']),
  ) as HelmHistoryEntry[];
}

export async function deployment(
  home: Cluster,
  namespace: string,
  name: string,
): Promise<KubeObject | undefined> {
  return home.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name });
}
