/** Test helpers: GeneratorInputs over plain data (clusters and in-memory git trees). */
import type { ApplicationSet } from '../api/argo/index.js';
import { gitPathspecMatch } from './glob.js';
import type { ClusterInfo, GeneratorInputs } from './generators/types.js';
import type { TemplateSyntax } from './interpolate.js';

/** A repository at one revision: file path → content. */
export type Tree = Record<string, string>;

export function memoryInputs(
  options: { clusters?: ClusterInfo[]; repos?: Record<string, Tree>; failGit?: string } = {},
): GeneratorInputs {
  const tree = (repoURL: string): Tree => {
    if (options.failGit) throw new Error(options.failGit);
    const t = options.repos?.[repoURL];
    if (!t) throw new Error(`repository ${repoURL} not found`);
    return t;
  };
  return {
    clusters: () => Promise.resolve(options.clusters ?? []),
    gitDirectories: (repoURL) => {
      const dirs = new Set<string>();
      for (const file of Object.keys(tree(repoURL))) {
        const parts = file.split('/').slice(0, -1);
        parts.forEach((_, i) => dirs.add(parts.slice(0, i + 1).join('/')));
      }
      return Promise.resolve([...dirs].filter((d) => !d.split('/').some((s) => s.startsWith('.'))).sort());
    },
    gitFiles: (repoURL, _revision, pattern) =>
      Promise.resolve(
        Object.fromEntries(Object.entries(tree(repoURL)).filter(([p]) => gitPathspecMatch(pattern, p))),
      ),
  };
}

export function cluster(
  name: string,
  server: string,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
): ClusterInfo {
  return { name, server, labels, annotations };
}

export const fast: TemplateSyntax = { goTemplate: false, go: {} };
export const go: TemplateSyntax = { goTemplate: true, go: { missingKey: 'error' } };

/** An ApplicationSet around a spec, in namespace argocd. */
export function appSet(spec: Partial<ApplicationSet['spec']>, name = 'test'): ApplicationSet {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name, namespace: 'argocd', uid: 'uid-1' },
    spec: {
      generators: [],
      template: {
        metadata: { name: '{{name}}' },
        spec: { project: 'default', destination: { server: '{{server}}', namespace: 'x' } },
      },
      ...spec,
    },
  };
}
