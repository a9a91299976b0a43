/**
 * `ferry flux get sources|helmreleases|kustomizations` and `ferry hr suspend|resume|reconcile|history|rollback`:
 * the Flux objects from the terminal, like the flux CLI. Suspend and resume change
 * `spec.suspend`; reconcile writes Flux's request annotations and follows the result;
 * rollback runs the real `helm rollback` on a suspended HelmRelease's release (the seed's
 * `flux suspend hr my-app` then `helm rollback my-app` flow in one command).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  HELM_API_VERSION,
  RECONCILE_REQUESTED_ANNOTATION,
  SOURCE_API_VERSION,
  releaseName,
  releaseNamespace,
  type HelmRelease,
} from '../api/flux/index.js';
import type { Cluster, ObjectRef } from '../kube/cluster.js';
import { runHelm } from '../tools/binaries.js';
import { helmMessage } from '../sources/helm/oci-repo.js';
import { parseDuration } from '../sync/plan/index.js';
import { homeCluster, loadKubeConfig, type KubeOptions } from './kube.js';
import { conditionsSummary, helmReleasesTable, historyTable, sourcesTable } from './flux-view.js';
import { requestReconcile, waitHandled } from './flux-wait.js';
import { registerGetKustomizations, registerKsCommands } from './ks.js';
import { addServerOptions } from './remote/options.js';
import { remoteClient, type ServerOptions } from './remote/client.js';
import { remoteHrHistory, remoteHrRequest, remoteHrSuspend } from './hr-remote.js';

type Opts = KubeOptions & { allNamespaces?: boolean };

const SOURCE_KINDS: Record<string, string[]> = {
  all: ['GitRepository', 'HelmRepository', 'OCIRepository', 'HelmChart'],
  git: ['GitRepository'],
  helm: ['HelmRepository'],
  oci: ['OCIRepository'],
  chart: ['HelmChart'],
};

function withOptions(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context')
    .option('-n, --namespace <ns>', 'namespace of the Flux objects', 'flux-system');
}

const hrRef = (opts: KubeOptions, name: string): ObjectRef => ({
  apiVersion: HELM_API_VERSION,
  kind: 'HelmRelease',
  namespace: opts.namespace ?? 'flux-system',
  name,
});

async function getHr(cluster: Cluster, opts: KubeOptions, name: string): Promise<HelmRelease> {
  const hr = (await cluster.get(hrRef(opts, name))) as HelmRelease | undefined;
  if (!hr) throw new Error(`HelmRelease "${name}" not found in namespace ${opts.namespace ?? 'flux-system'}`);
  return hr;
}

const say = (line: string): boolean => process.stdout.write(`${line}\n`);

export function registerFluxCommands(program: Command): void {
  const flux = program.command('flux').description('Flux objects, like the flux CLI');
  const get = flux.command('get').description('list Flux objects with their readiness');
  withOptions(get.command('sources [kind]').description('sources: all (default), git, helm, oci, chart'))
    .option('-A, --all-namespaces', 'every namespace')
    .action(async (kind: string | undefined, opts: Opts) => {
      const kinds = SOURCE_KINDS[kind ?? 'all'];
      if (!kinds) throw new Error(`unknown source kind "${kind}": use all, git, helm, oci or chart`);
      const cluster = await homeCluster(opts);
      const namespace = opts.allNamespaces ? undefined : opts.namespace;
      const lists = await Promise.all(kinds.map((k) => cluster.list(SOURCE_API_VERSION, k, { namespace })));
      process.stdout.write(sourcesTable(lists.flat(), Boolean(opts.allNamespaces)));
    });
  withOptions(get.command('helmreleases').alias('hr').description('HelmReleases'))
    .option('-A, --all-namespaces', 'every namespace')
    .action(async (opts: Opts) => {
      const cluster = await homeCluster(opts);
      const namespace = opts.allNamespaces ? undefined : opts.namespace;
      const releases = (await cluster.list(HELM_API_VERSION, 'HelmRelease', { namespace })) as HelmRelease[];
      process.stdout.write(helmReleasesTable(releases, Boolean(opts.allNamespaces)));
    });
  registerGetKustomizations(get);
  registerHrCommands(program);
  registerKsCommands(program);
}

function registerHrCommands(program: Command): void {
  const hr = program
    .command('hr')
    .alias('helmrelease')
    .description('manage Flux HelmReleases, like `flux … hr`');
  const sub = (spec: string, description: string): Command =>
    withOptions(hr.command(spec).description(description));
  const remoteSub = (spec: string, description: string): Command => addServerOptions(sub(spec, description));
  const ns = (opts: KubeOptions): string => opts.namespace ?? 'flux-system';

  remoteSub('suspend <name>', 'stop reconciling the HelmRelease (changes are ignored until resumed)').action(
    async (name: string, opts: KubeOptions & ServerOptions) => {
      const api = remoteClient(opts);
      if (api) return remoteHrSuspend(api, ns(opts), name);
      const cluster = await homeCluster(opts);
      await getHr(cluster, opts, name);
      await cluster.mergePatch(hrRef(opts, name), { spec: { suspend: true } });
      say(`✔ HelmRelease ${opts.namespace}/${name} suspended`);
    },
  );

  remoteSub('resume <name>', 'reconcile the HelmRelease again and wait for the result')
    .option('--timeout <duration>', 'how long to wait', '5m')
    .action(async (name: string, opts: KubeOptions & ServerOptions & { timeout: string }) => {
      const api = remoteClient(opts);
      if (api)
        return remoteHrRequest(
          api,
          { namespace: ns(opts), name },
          { action: 'resume', timeoutMs: parseDuration(opts.timeout) },
        );
      const cluster = await homeCluster(opts);
      await getHr(cluster, opts, name);
      const token = new Date().toISOString();
      await cluster.mergePatch(hrRef(opts, name), {
        spec: { suspend: false },
        metadata: { annotations: { [RECONCILE_REQUESTED_ANNOTATION]: token } },
      });
      const done = (await waitHandled(
        cluster,
        hrRef(opts, name),
        token,
        parseDuration(opts.timeout),
      )) as HelmRelease;
      say(
        `✔ HelmRelease ${opts.namespace}/${name} resumed at ${done.status?.history?.[0]?.chartVersion ?? '?'}`,
      );
    });

  sub('reconcile <name>', 'reconcile now and wait for the result')
    .option('--with-source', 'reconcile the chart source first')
    .option('--force', 'run a Helm upgrade even when nothing changed, or past spent retries')
    .option('--reset', 'reset the failure counters')
    .option('--timeout <duration>', 'how long to wait', '5m')
    .action(
      async (
        name: string,
        opts: KubeOptions & { withSource?: boolean; force?: boolean; reset?: boolean; timeout: string },
      ) => {
        const cluster = await homeCluster(opts);
        const target = await getHr(cluster, opts, name);
        const timeoutMs = parseDuration(opts.timeout);
        if (opts.withSource) await reconcileSource(cluster, target, timeoutMs);
        const done = (await requestReconcile(cluster, hrRef(opts, name), {
          force: opts.force,
          reset: opts.reset,
          timeoutMs,
        })) as HelmRelease;
        say(`✔ HelmRelease ${opts.namespace}/${name} at ${done.status?.history?.[0]?.chartVersion ?? '?'}`);
      },
    );

  remoteSub('history <name>', 'the Helm releases this HelmRelease made (status.history)').action(
    async (name: string, opts: KubeOptions & ServerOptions) => {
      const api = remoteClient(opts);
      if (api) return remoteHrHistory(api, ns(opts), name);
      const target = await getHr(await homeCluster(opts), opts, name);
      process.stdout.write(historyTable(target));
      process.stdout.write(conditionsSummary(target));
    },
  );

  sub(
    'rollback <name> [revision]',
    'helm rollback of a suspended HelmRelease (default: the previous revision)',
  )
    .option('--timeout <duration>', 'how long helm waits for the rolled-back resources', '5m')
    .action(async (name: string, revision: string | undefined, opts: KubeOptions & { timeout: string }) => {
      const cluster = await homeCluster(opts);
      const target = await getHr(cluster, opts, name);
      if (!target.spec.suspend) {
        throw new Error(
          `HelmRelease ${opts.namespace}/${name} is not suspended: Ferry would undo the rollback. Run 'ferry hr suspend ${name} -n ${opts.namespace}' first`,
        );
      }
      await helmRollback(opts, target, revision, opts.timeout);
    });
}

async function reconcileSource(cluster: Cluster, hr: HelmRelease, timeoutMs: number): Promise<void> {
  let ref: { kind: string; namespace: string; name: string } | undefined;
  if (hr.spec.chartRef)
    ref = {
      kind: hr.spec.chartRef.kind,
      namespace: hr.spec.chartRef.namespace ?? hr.metadata.namespace ?? '',
      name: hr.spec.chartRef.name,
    };
  else if (hr.status?.helmChart) {
    const [namespace = '', name = ''] = hr.status.helmChart.split('/');
    ref = { kind: 'HelmChart', namespace, name };
  }
  if (!ref) throw new Error('the HelmRelease has no chart source yet');
  await requestReconcile(cluster, { apiVersion: SOURCE_API_VERSION, ...ref }, { timeoutMs });
}

async function helmRollback(
  opts: KubeOptions,
  hr: HelmRelease,
  revision: string | undefined,
  timeout: string,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-cli-'));
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, loadKubeConfig(opts).exportConfig(), { mode: 0o600 });
    const args = [
      'rollback',
      releaseName(hr),
      ...(revision ? [revision] : []),
      '--namespace',
      releaseNamespace(hr),
    ];
    args.push(
      '--kubeconfig',
      kubeconfig,
      '--wait',
      '--timeout',
      timeout,
      '--history-max',
      String(hr.spec.maxHistory ?? 5),
    );
    const { stdout } = await runHelm(args).catch((err: unknown) => {
      throw new Error(`helm rollback failed: ${helmMessage(err)}`);
    });
    process.stdout.write(stdout);
    say(
      `The HelmRelease stays suspended; 'ferry hr resume ${hr.metadata.name ?? ''} -n ${hr.metadata.namespace ?? ''}' hands the release back to Ferry (which then upgrades it to the desired state again).`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
