/**
 * Ferry's controllers running in the test process against a test-bed cluster, with
 * helpers to write Argo CD resources and wait for what a user would see.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parse, stringify } from 'yaml';
import type { Application } from '../../src/api/argo/index.js';
import { Cluster } from '../../src/kube/cluster.js';
import type { KubeObject } from '../../src/kube/object.js';
import { startFerry, type FerryOptions, type RunningFerry } from '../../src/controllers/manager.js';
import { silentLogger, createLogger } from '../../src/util/log.js';
import type { Testbed } from '../../src/testbed/testbed.js';
import { projectRoot } from '../../src/util/paths.js';
import { eventually } from './kube.js';

export interface FerryUnderTest {
  ferry: RunningFerry;
  home: Cluster;
  stop(): Promise<void>;
}

export async function startFerryOn(
  bed: Testbed,
  clusterName = 'dev',
  options: Partial<Pick<FerryOptions, 'listen' | 'resyncMs' | 'imageUpdater'>> = {},
): Promise<FerryUnderTest> {
  const home = await Cluster.fromFile(clusterName, bed.clusters[clusterName]!.kubeconfig);
  const ferry = await startFerry({
    home,
    namespace: 'argocd',
    log: process.env.FERRY_TEST_LOG ? createLogger({ debug: true }) : silentLogger,
    resyncMs: 30_000,
    cacheDir: mkdtempSync(join(tmpdir(), 'ferry-cache-')),
    ...options,
  });
  return { ferry, home, stop: () => ferry.stop() };
}

export const appRef = (name: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  namespace: 'argocd',
  name,
});

export async function getApp(home: Cluster, name: string): Promise<Application> {
  const app = (await home.get(appRef(name))) as Application | undefined;
  if (!app) throw new Error(`application ${name} not found`);
  return app;
}

export function waitForApp(
  home: Cluster,
  name: string,
  done: (app: Application) => boolean,
  timeoutMs = 90_000,
): Promise<Application> {
  return eventually(() => getApp(home, name), done, { timeoutMs, intervalMs: 300 });
}

export const syncedAndHealthy = (app: Application): boolean =>
  app.status?.sync?.status === 'Synced' && app.status.health?.status === 'Healthy' && !app.operation;

/** The seed's YAML blocks, by heading, exactly as the user wrote them. */
export function seedYaml(heading: string): KubeObject {
  // The seed sits beside the main checkout (../shared), or two levels up from a worktree.
  const candidates = [['..'], ['..', '..']].map((up) =>
    join(projectRoot(), ...up, 'shared', 'seed', 'gitops-integration-patterns.md'),
  );
  const seed = readFileSync(candidates.find((c) => existsSync(c)) ?? candidates[0]!, 'utf8');
  const at =
    seed.indexOf(`### ${heading}`) >= 0 ? seed.indexOf(`### ${heading}`) : seed.indexOf(`## ${heading}`);
  if (at < 0) throw new Error(`the seed has no section "${heading}"`);
  const block = /```yaml\n([\s\S]*?)```/.exec(seed.slice(at));
  return parse(block![1]!) as KubeObject;
}

/** A copy of the example chart at another version, with templates removed or values changed. */
export function chartVariant(options: {
  version: string;
  removeTemplates?: string[];
  values?: Record<string, unknown>;
  extraTemplates?: Record<string, string>;
}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-chart-'));
  const chart = join(dir, 'my-app');
  cpSync(join(projectRoot(), 'examples', 'charts', 'my-app'), chart, { recursive: true });
  for (const t of options.removeTemplates ?? []) rmSync(join(chart, 'templates', t));
  for (const [name, body] of Object.entries(options.extraTemplates ?? {}))
    writeFileSync(join(chart, 'templates', name), body);
  if (options.values) {
    const values = parse(readFileSync(join(chart, 'values.yaml'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(chart, 'values.yaml'), stringify({ ...values, ...options.values }));
  }
  const meta = parse(readFileSync(join(chart, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(chart, 'Chart.yaml'), stringify({ ...meta, version: options.version }));
  return chart;
}

/** Events recorded on an object, oldest first. */
export async function eventsFor(
  home: Cluster,
  namespace: string,
  name: string,
): Promise<Array<{ reason: string; message: string; type: string; firstTimestamp: string }>> {
  const events = await home.list('v1', 'Event', { namespace });
  return events
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .map((e) => e as unknown as { reason: string; message: string; type: string; firstTimestamp: string })
    .sort((a, b) => a.firstTimestamp.localeCompare(b.firstTimestamp));
}

/** An Argo CD repository Secret with the bed's git credentials for repository `repo`. */
export function gitRepoSecret(bed: Testbed, repo: string, name = repo): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
    stringData: {
      type: 'git',
      url: bed.git.cloneUrl(repo, false),
      username: bed.git.username!,
      password: bed.git.password!,
    },
  };
}
