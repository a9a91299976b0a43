/**
 * The test bed: real Kubernetes control planes, a git server, an OCI registry and a
 * Helm chart repository on loopback, for tests, benchmarks and the demo.
 *
 *   const bed = await startTestbed({ clusters: ['dev'] });
 *   await bed.git.pushFolder('gitops', 'examples/gitops');
 *   await bed.publishChart('examples/charts/my-app', { version: '1.2.0' });
 *   ...
 *   await bed.stop();
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { ensureTools, allToolPaths, type Progress, type ToolName } from './tools.js';
import { startControlPlane, type ControlPlane, type ControlPlaneOptions } from './controlplane.js';
import { startGitServer, type GitServer } from './gitserver.js';
import { startRegistry, type Registry } from './registry.js';
import { startChartRepo, type ChartRepoServer } from './chartrepo.js';
import { helmHome, packageChart, type HelmHome, type PackagedChart } from './helm.js';

export interface TestbedOptions extends ControlPlaneOptions {
  /** Names of the control planes to start (default: one, "dev"). */
  clusters?: string[];
  /** Folder for all state and logs; default: a fresh temporary folder, removed on stop. */
  dir?: string;
  /** Require basic auth on the git server and registry (generated credentials). Default true. */
  auth?: boolean;
  progress?: Progress;
}

export interface Testbed {
  dir: string;
  clusters: Record<string, ControlPlane>;
  git: GitServer;
  registry: Registry;
  chartRepo: ChartRepoServer;
  /** helm with its home inside the bed, logged in to the registry. */
  helm: HelmHome;
  tools: Record<ToolName, string>;
  /** Packages a chart folder into the HTTP chart repo (re-indexed) and pushes it to `oci://REGISTRY/charts`. */
  publishChart(chartDir: string, options?: { version?: string; oci?: boolean }): Promise<PackagedChart>;
  stop(): Promise<void>;
}

export async function startTestbed(options: TestbedOptions = {}): Promise<Testbed> {
  const progress = options.progress ?? (() => undefined);
  const tools = await ensureTools(progress);
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ferry-testbed-'));
  mkdirSync(dir, { recursive: true });
  const auth = options.auth ?? true;
  const credentials = (user: string): { username?: string; password?: string } =>
    auth ? { username: user, password: randomBytes(12).toString('hex') } : {};
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    progress('starting git server, OCI registry and chart repository');
    const git = await startGitServer({ root: join(dir, 'git'), ...credentials('git') });
    stops.push(() => git.stop());
    const registry = await startRegistry({ dir: join(dir, 'registry'), ...credentials('registry') });
    stops.push(() => registry.process.stop());
    const chartRepo = await startChartRepo(join(dir, 'charts'));
    stops.push(() => chartRepo.stop());
    const helm = helmHome(join(dir, 'helm'));
    if (registry.username) {
      await helm.run(
        ['registry', 'login', registry.host, '--insecure', '-u', registry.username, '--password-stdin'],
        {
          input: registry.password,
        },
      );
    }
    const clusters: Record<string, ControlPlane> = {};
    for (const name of options.clusters ?? ['dev']) {
      progress(
        `starting control plane "${name}" (etcd, kube-apiserver${options.nodes === false ? '' : ', controllers, kwok'})`,
      );
      const cp = await startControlPlane(dir, name, options);
      clusters[name] = cp;
      stops.push(() => cp.stop());
    }
    const publishChart = async (
      chartDir: string,
      o: { version?: string; oci?: boolean } = {},
    ): Promise<PackagedChart> => {
      const chart = await packageChart(helm, chartDir, chartRepo.dir, o.version);
      await helm.run(['repo', 'index', chartRepo.dir, '--url', chartRepo.url]);
      if (o.oci ?? true) await helm.run(['push', chart.file, `${registry.ociUrl}/charts`, '--plain-http']);
      return chart;
    };
    return {
      dir,
      clusters,
      git,
      registry,
      chartRepo,
      helm,
      tools: { ...allToolPaths(), ...tools },
      publishChart,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
