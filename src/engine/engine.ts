/**
 * The engine's shared parts, made once per process and handed to every controller:
 * Git mirrors, the Helm chart source, the render cache and the manifest generator,
 * with repository credentials read from Argo CD repository Secrets.
 */
import type { Cluster } from '../kube/cluster.js';
import { GitSource } from '../sources/git/index.js';
import { HelmChartSource } from '../sources/helm/chart-source.js';
import {
  credentialsFor,
  parseRepoSecrets,
  type RepoCredentialSet,
  type RepoCredentials,
} from '../sources/credentials/index.js';
import { RenderCache } from '../render/cache.js';
import { ManifestGenerator } from './manifests.js';

export interface Engine {
  git: GitSource;
  charts: HelmChartSource;
  cache: RenderCache;
  manifests: ManifestGenerator;
  credentials: RepositoryCredentials;
}

/** Repository credentials from Secrets in the control namespace, re-read at most every few seconds. */
export class RepositoryCredentials {
  private cached: { at: number; set: Promise<RepoCredentialSet> } | undefined;

  constructor(
    private readonly home: Cluster,
    private readonly namespace: string,
    private readonly ttlMs = 5000,
  ) {}

  async for(repoURL: string): Promise<RepoCredentials | undefined> {
    if (!this.cached || Date.now() - this.cached.at > this.ttlMs) {
      const set = this.load();
      this.cached = { at: Date.now(), set };
      set.catch(() => (this.cached = undefined));
    }
    return credentialsFor(repoURL, await this.cached.set);
  }

  private async load(): Promise<RepoCredentialSet> {
    const secrets = await this.home.list('v1', 'Secret', {
      namespace: this.namespace,
      labelSelector: 'argocd.argoproj.io/secret-type in (repository,repo-creds)',
    });
    return parseRepoSecrets(secrets);
  }
}

export function createEngine(
  home: Cluster,
  namespace: string,
  options: { cacheDir?: string; gitMinFetchIntervalMs?: number } = {},
): Engine {
  const credentials = new RepositoryCredentials(home, namespace);
  const git = new GitSource({
    cacheDir: options.cacheDir ? `${options.cacheDir}/git` : undefined,
    minFetchIntervalMs: options.gitMinFetchIntervalMs ?? 3000,
    credentialsFor: async (url) => {
      const c = await credentials.for(url);
      return c && { username: c.username, password: c.password ?? c.bearerToken, insecure: c.insecure };
    },
  });
  const charts = new HelmChartSource({
    cacheDir: options.cacheDir ? `${options.cacheDir}/charts` : undefined,
  });
  const cache = new RenderCache();
  const manifests = new ManifestGenerator({
    charts,
    git,
    cache,
    credentials: async (url) => {
      const c = await credentials.for(url);
      return (
        c && { username: c.username, password: c.password, insecure: c.insecure, enableOCI: c.enableOCI }
      );
    },
  });
  return { git, charts, cache, manifests, credentials };
}
