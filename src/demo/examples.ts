/**
 * The example GitOps setup (examples/): Applications written exactly as the seed
 * writes them, with the seed's placeholder repository URLs pointed at the test bed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../kube/object.js';
import type { TestbedEndpoints } from '../testbed/endpoints.js';
import { projectRoot } from '../util/paths.js';

export const examplesDir = (): string => join(projectRoot(), 'examples');

/** Placeholder URL in the seed → where the test bed serves it. */
export function urlMap(bed: TestbedEndpoints): Array<[string, string]> {
  return [
    ['oci://ghcr.io/org/charts', `${bed.registry.ociUrl}/charts`],
    ['https://github.com/org/charts', bed.chartRepo.url],
    ['https://github.com/org/gitops', `${bed.git.url}/gitops.git`],
  ];
}

export function substitute(text: string, map: Array<[string, string]>): string {
  return map.reduce((t, [from, to]) => t.split(from).join(to), text);
}

/** Every object in examples/argocd/*.yaml, URLs substituted. */
export function exampleApplications(bed: TestbedEndpoints): KubeObject[] {
  const dir = join(examplesDir(), 'argocd');
  const objects: KubeObject[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const text = substitute(readFileSync(join(dir, file), 'utf8'), urlMap(bed));
    for (const doc of parseAllDocuments(text)) {
      const value = doc.toJSON() as KubeObject | null;
      if (value) objects.push(value);
    }
  }
  return objects;
}

/** Argo CD repository Secrets giving Ferry the bed's credentials. */
export function repositorySecrets(bed: TestbedEndpoints, namespace: string): KubeObject[] {
  const secret = (name: string, data: Record<string, string>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace, labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
    stringData: data,
  });
  return [
    secret('demo-charts', { type: 'helm', name: 'charts', url: bed.chartRepo.url }),
    secret('demo-oci', {
      type: 'helm',
      name: 'oci-charts',
      url: `${bed.registry.ociUrl}/charts`,
      enableOCI: 'true',
      insecure: 'true',
      username: bed.registry.username ?? '',
      password: bed.registry.password ?? '',
    }),
    secret('demo-gitops', {
      type: 'git',
      url: `${bed.git.url}/gitops.git`,
      username: bed.git.username ?? '',
      password: bed.git.password ?? '',
    }),
  ];
}
