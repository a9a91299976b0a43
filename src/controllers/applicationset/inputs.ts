/**
 * What the generators read, from the live system: cluster Secrets through the cluster
 * registry, git trees through the shared git source (mirrors, credentials from Argo CD
 * repository Secrets, fetches rate-limited). Listings are cached by commit, so polling an
 * unchanged repository costs one `git fetch` and nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterInfo, GeneratorInputs } from '../../appset/generators/types.js';
import { gitPathspecMatch } from '../../appset/glob.js';
import type { GitSource } from '../../sources/git/index.js';
import type { ClusterRegistry } from '../clusters.js';

interface Tree {
  dirs: string[];
  files: string[];
  root: string;
}

/** Every directory (not hidden, not the root) and every file of a checkout, relative. */
function walk(root: string): Omit<Tree, 'root'> {
  const dirs: string[] = [];
  const files: string[] = [];
  const visit = (rel: string, hidden: boolean): void => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const isHidden = hidden || entry.name.startsWith('.');
      if (entry.isDirectory()) {
        if (!isHidden) dirs.push(path);
        visit(path, isHidden);
      } else files.push(path);
    }
  };
  visit('', false);
  return { dirs: dirs.sort(), files: files.sort() };
}

export class LiveGeneratorInputs implements GeneratorInputs {
  private readonly trees = new Map<string, Tree>();
  /** When a webhook last asked for fresh sources, and when each repository last fetched for it. */
  private fetchRequestedAt = 0;
  private readonly fetchedAt = new Map<string, number>();

  constructor(
    private readonly clusterRegistry: ClusterRegistry,
    private readonly git: GitSource,
  ) {}

  async clusters(): Promise<ClusterInfo[]> {
    return (await this.clusterRegistry.list()).map((c) => ({
      name: c.name,
      server: c.server,
      ...(c.project ? { project: c.project } : {}),
      labels: c.labels,
      annotations: c.annotations,
    }));
  }

  async gitDirectories(repoURL: string, revision: string): Promise<string[]> {
    return (await this.tree(repoURL, revision)).dirs;
  }

  async gitFiles(repoURL: string, revision: string, pattern: string): Promise<Record<string, string>> {
    const tree = await this.tree(repoURL, revision);
    const matching = tree.files.filter((f) => gitPathspecMatch(pattern, f));
    return Object.fromEntries(matching.map((f) => [f, readFileSync(join(tree.root, f), 'utf8')]));
  }

  /** The next look at every repository fetches it first (a git webhook arrived). */
  requestFetch(): void {
    this.fetchRequestedAt = Date.now();
  }

  private async tree(repoURL: string, revision: string): Promise<Tree> {
    const force = (this.fetchedAt.get(repoURL) ?? 0) < this.fetchRequestedAt;
    if (force) this.fetchedAt.set(repoURL, Date.now());
    const { sha } = await this.git.resolve(repoURL, revision || 'HEAD', { force });
    const key = `${repoURL}@${sha}`;
    const cached = this.trees.get(key);
    if (cached) return cached;
    const root = await this.git.checkout(repoURL, sha);
    const tree = { ...walk(root), root };
    if (this.trees.size > 100) this.trees.clear();
    this.trees.set(key, tree);
    return tree;
  }
}
