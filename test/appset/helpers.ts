/** Helpers for the ApplicationSet tests: cluster and repository Secrets, folders, waiting. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { ApplicationSet } from '../../src/api/argo/index.js';
import type { Cluster } from '../../src/kube/cluster.js';
import type { Testbed } from '../../src/testbed/testbed.js';
import { eventually } from '../support/kube.js';

/** A folder with these files (path → content). */
export function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-appset-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

export const configMap = (name: string, data: Record<string, string>): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(data)
    .map(([k, v]) => `  ${k}: "${v}"`)
    .join('\n')}\n`;

/**
 * Registers a test-bed control plane as an Argo CD cluster Secret. `server` is the URL
 * Applications name (the seed's https://dev-cluster.example.com); Ferry connects to the
 * bed's real address, given in the ferry.dev/server-address annotation.
 */
export async function registerCluster(
  home: Cluster,
  bed: Testbed,
  bedCluster: string,
  cluster: { name: string; server: string; labels?: Record<string, string> },
): Promise<void> {
  const cp = bed.clusters[bedCluster]!;
  await home.apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `cluster-${cluster.name}`,
      namespace: 'argocd',
      labels: { 'argocd.argoproj.io/secret-type': 'cluster', ...(cluster.labels ?? {}) },
      annotations: { 'ferry.dev/server-address': cp.server },
    },
    stringData: {
      name: cluster.name,
      server: cluster.server,
      config: JSON.stringify({
        bearerToken: cp.token,
        tlsClientConfig: { insecure: false, caData: Buffer.from(cp.caPem).toString('base64') },
      }),
    },
  });
}

/** Repository credentials the Argo CD way, for a repository of the bed's git server. */
export async function registerRepo(home: Cluster, bed: Testbed, repo: string): Promise<void> {
  await home.apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `repo-${repo}`,
      namespace: 'argocd',
      labels: { 'argocd.argoproj.io/secret-type': 'repository' },
    },
    stringData: {
      type: 'git',
      url: bed.git.cloneUrl(repo, false),
      username: bed.git.username!,
      password: bed.git.password!,
    },
  });
}

export const appSetRef = (name: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ApplicationSet',
  namespace: 'argocd',
  name,
});

export async function getAppSet(home: Cluster, name: string): Promise<ApplicationSet> {
  const set = (await home.get(appSetRef(name))) as ApplicationSet | undefined;
  if (!set) throw new Error(`applicationset ${name} not found`);
  return set;
}

export function waitForAppSet(
  home: Cluster,
  name: string,
  done: (s: ApplicationSet) => boolean,
  timeoutMs = 90_000,
): Promise<ApplicationSet> {
  return eventually(() => getAppSet(home, name), done, { timeoutMs, intervalMs: 300 });
}

export const condition = (s: ApplicationSet, type: string) =>
  s.status?.conditions?.find((c) => c.type === type);

export const upToDate = (s: ApplicationSet): boolean => condition(s, 'ResourcesUpToDate')?.status === 'True';

/** Application names in the control namespace, sorted. */
export async function appNames(home: Cluster): Promise<string[]> {
  return (await home.list('argoproj.io/v1alpha1', 'Application', { namespace: 'argocd' }))
    .map((a) => a.metadata.name ?? '')
    .sort();
}

/** Ensures a namespace exists in a bed cluster (what an admin does before pointing apps at it). */
export async function ensureNamespace(cluster: Cluster, name: string): Promise<void> {
  await cluster.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}
