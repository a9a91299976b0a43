/** The Argo CD dialect of the workload: one Application per release, automated, CreateNamespace. */
import type { KubeObject } from '../../src/kube/object.js';
import { CHART_NAME, CHART_VERSION, type Release } from './apps.js';

export const ARGO = 'argoproj.io/v1alpha1';

export function helmApplication(
  release: Release,
  controlNamespace: string,
  chartRepoUrl: string,
): KubeObject {
  return {
    apiVersion: ARGO,
    kind: 'Application',
    metadata: { name: release.name, namespace: controlNamespace },
    spec: {
      project: 'default',
      source: {
        repoURL: chartRepoUrl,
        chart: CHART_NAME,
        targetRevision: CHART_VERSION,
        helm: { valuesObject: release.values },
      },
      destination: { server: 'https://kubernetes.default.svc', namespace: release.namespace },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };
}

/** An Application whose chart lives in git (path), for the change-latency phase. */
export function gitApplication(
  release: Release,
  controlNamespace: string,
  source: { repoURL: string; path: string },
): KubeObject {
  return {
    apiVersion: ARGO,
    kind: 'Application',
    metadata: { name: release.name, namespace: controlNamespace },
    spec: {
      project: 'default',
      source: { repoURL: source.repoURL, path: source.path, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: release.namespace },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };
}

/** Argo CD's repository Secret (credentials for the bed's git server). */
export function repositorySecret(
  controlNamespace: string,
  repo: { url: string; username?: string; password?: string },
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'bench-git',
      namespace: controlNamespace,
      labels: { 'argocd.argoproj.io/secret-type': 'repository' },
    },
    stringData: { type: 'git', url: repo.url, username: repo.username ?? '', password: repo.password ?? '' },
  };
}

/** `argocd-secret` with the GitHub webhook secret Ferry verifies pushes with. */
export function argocdSecret(controlNamespace: string, webhookSecret: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'argocd-secret', namespace: controlNamespace },
    stringData: { 'webhook.github.secret': webhookSecret },
  };
}
