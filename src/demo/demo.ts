/**
 * Ferry's main job on the embedded default: start the test bed, publish the example
 * chart (HTTP repository and OCI registry), push the example GitOps repository,
 * register the example Applications and run the controllers until they converge.
 */
import { join } from 'node:path';
import type { Application } from '../api/argo/index.js';
import { ARGO_API_VERSION } from '../api/argo/index.js';
import { Cluster } from '../kube/cluster.js';
import { startDetachedTestbed } from '../testbed/daemon.js';
import type { TestbedEndpoints } from '../testbed/endpoints.js';
import { pushFolderTo } from '../testbed/gitserver.js';
import { helmHome, packageChart } from '../testbed/helm.js';
import { startFerry, type RunningFerry } from '../controllers/manager.js';
import { createToken } from '../server/api/tokens.js';
import type { Logger } from '../util/log.js';
import type { ProgressReporter } from '../util/progress.js';
import { examplesDir, exampleApplications, repositorySecrets } from './examples.js';

export const demoNamespace = 'argocd';

export interface Demo {
  bed: TestbedEndpoints;
  home: Cluster;
  ferry: RunningFerry;
  apps: string[];
  /** The dashboard and an admin token made for the demo. */
  dashboard?: { url: string; token: string };
}

export async function startDemo(
  progress: ProgressReporter,
  log: Logger,
  listen = '127.0.0.1:0',
): Promise<Demo> {
  const bed = await startDetachedTestbed(['--clusters', 'dev'], undefined, (line) =>
    progress.step(`test bed: ${line}`),
  );
  progress.step('publishing the example chart my-app 1.2.0 and 1.2.1 (chart repository and OCI registry)');
  await publishExampleChart(bed);
  progress.step('pushing the example GitOps repository to the test bed git server');
  await pushFolderTo(bed.git.root, cloneUrlWithAuth(bed, 'gitops'), {
    name: 'gitops',
    folder: join(examplesDir(), 'gitops'),
    message: 'example GitOps repository',
  });
  const home = await Cluster.fromFile('dev', bed.clusters.dev!.kubeconfig);
  progress.step('starting the Ferry controller (CRDs, Application controller)');
  const ferry = await startFerry({ home, namespace: demoNamespace, log, resyncMs: 60_000, listen });
  const { token } = await createToken(home, demoNamespace, { role: 'admin', name: 'demo' });
  const dashboard = ferry.server && { url: `${ferry.server.url}/`, token };
  for (const secret of repositorySecrets(bed, demoNamespace)) await home.apply(secret);
  const apps: string[] = [];
  for (const obj of exampleApplications(bed)) {
    await home.apply(obj);
    if (obj.kind === 'Application') apps.push(obj.metadata.name ?? '');
  }
  return { bed, home, ferry, apps, dashboard };
}

async function publishExampleChart(bed: TestbedEndpoints): Promise<void> {
  const helm = helmHome(join(bed.dir, 'helm'));
  const chart = join(examplesDir(), 'charts', 'my-app');
  for (const version of ['1.2.0', '1.2.1']) {
    const pkg = await packageChart(helm, chart, bed.chartRepo.dir, version);
    await helm.run(['push', pkg.file, `${bed.registry.ociUrl}/charts`, '--plain-http']);
  }
  await helm.run(['repo', 'index', bed.chartRepo.dir, '--url', bed.chartRepo.url]);
}

function cloneUrlWithAuth(bed: TestbedEndpoints, name: string): string {
  const url = new URL(`${bed.git.url}/${name}.git`);
  url.username = bed.git.username ?? '';
  url.password = bed.git.password ?? '';
  return url.toString();
}

export interface AppState {
  name: string;
  sync: string;
  health: string;
  revision: string;
  message?: string;
}

export async function appStates(home: Cluster, names: string[]): Promise<AppState[]> {
  const list = (await home.list(ARGO_API_VERSION, 'Application', {
    namespace: demoNamespace,
  })) as Application[];
  return names.map((name) =>
    stateOf(
      name,
      list.find((a) => a.metadata.name === name),
    ),
  );
}

function stateOf(name: string, app: Application | undefined): AppState {
  const status = app?.status ?? {};
  const condition = status.conditions?.[0];
  return {
    name,
    sync: status.sync?.status ?? 'Unknown',
    health: status.health?.status ?? 'Unknown',
    revision: status.sync?.revision ?? '',
    message: condition ? `${condition.type}: ${condition.message}` : undefined,
  };
}
