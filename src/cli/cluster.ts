/**
 * `ferry cluster add|list|rm`: destination clusters as Argo CD cluster Secrets, like
 * `argocd cluster`. `add` reads the target from --kubeconfig/--context; the cluster Ferry
 * runs in (where the Secret goes) from --home-kubeconfig/--home-context, else $KUBECONFIG
 * or ~/.kube/config.
 */
import { KubeConfig } from '@kubernetes/client-node';
import type { Command } from 'commander';
import { Cluster } from '../kube/cluster.js';
import { ClusterRegistry, inClusterName, inClusterServer } from '../controllers/clusters.js';
import type { ClusterSecret } from '../controllers/cluster-secrets.js';
import { clusterSecret, clusterSecretName, installClusterManager, recordedServer } from './cluster-add.js';
import { homeCluster, loadKubeConfig } from './kube.js';
import { printObjects, table, type OutputFormat } from './table.js';

interface HomeOptions {
  homeKubeconfig?: string;
  homeContext?: string;
  namespace: string;
}

interface AddOptions extends HomeOptions {
  kubeconfig?: string;
  context?: string;
  server?: string;
  systemNamespace: string;
  namespaces?: string;
  clusterResources?: boolean;
  project?: string;
  label: string[];
  annotation: string[];
  upsert?: boolean;
}

const collect = (v: string, acc: string[]): string[] => [...acc, v];

function keyValues(pairs: string[], what: string): Record<string, string> {
  return Object.fromEntries(
    pairs.map((p) => {
      const eq = p.indexOf('=');
      if (eq <= 0) throw new Error(`--${what} takes KEY=VALUE, got "${p}"`);
      return [p.slice(0, eq), p.slice(eq + 1)];
    }),
  );
}

function home(opts: HomeOptions): Promise<Cluster> {
  return homeCluster({ kubeconfig: opts.homeKubeconfig, context: opts.homeContext });
}

function addHomeOptions(cmd: Command): Command {
  return cmd
    .option(
      '--home-kubeconfig <file>',
      'kubeconfig of the cluster Ferry runs in (default: $KUBECONFIG or ~/.kube/config)',
    )
    .option('--home-context <name>', 'context of the cluster Ferry runs in')
    .option('-N, --namespace <ns>', 'namespace of the Argo CD resources', 'argocd');
}

async function add(name: string, opts: AddOptions): Promise<void> {
  const kc: KubeConfig = loadKubeConfig({ kubeconfig: opts.kubeconfig, context: opts.context });
  const target = await Cluster.fromKubeConfig(name, kc);
  const options = {
    name,
    server: opts.server,
    systemNamespace: opts.systemNamespace,
    namespaces: opts.namespaces
      ?.split(',')
      .map((n) => n.trim())
      .filter(Boolean),
    clusterResources: opts.clusterResources,
    project: opts.project,
    labels: keyValues(opts.label, 'label'),
    annotations: keyValues(opts.annotation, 'annotation'),
  };
  const homeCluster = await home(opts);
  const server = recordedServer(kc, options);
  const secretName = clusterSecretName(server);
  const existing = await homeCluster.get({
    apiVersion: 'v1',
    kind: 'Secret',
    namespace: opts.namespace,
    name: secretName,
  });
  if (existing && !opts.upsert)
    throw new Error(
      `cluster ${server} is already registered (Secret ${secretName}); use --upsert to replace it`,
    );
  process.stderr.write(
    `creating ServiceAccount ${options.systemNamespace}/argocd-manager with cluster-admin in ${target.server}\n`,
  );
  const token = await installClusterManager(target, options);
  await homeCluster.apply(clusterSecret(kc, token, options, opts.namespace));
  process.stdout.write(`Cluster '${server}' added as ${name}\n`);
}

async function connectionState(
  registry: ClusterRegistry,
  c: { server: string; name: string },
): Promise<[string, string, string]> {
  try {
    const cluster = await registry.resolve({ server: c.server });
    return [await cluster.discovery.version(), 'Successful', ''];
  } catch (err) {
    return ['', 'Failed', (err as Error).message.split('\n')[0] ?? ''];
  }
}

async function list(opts: HomeOptions & { output: string }): Promise<void> {
  const homeCluster = await home(opts);
  const registry = new ClusterRegistry(homeCluster, opts.namespace, undefined, { timeoutMs: 5000 });
  const clusters: Array<Pick<ClusterSecret, 'name' | 'server'> & Partial<ClusterSecret>> =
    await registry.list();
  if (!clusters.some((c) => c.server === inClusterServer))
    clusters.unshift({ name: inClusterName, server: inClusterServer });
  // Never print credentials: the config (token, keys) stays out.
  if (
    printObjects(
      clusters.map(({ config: _config, ...rest }) => rest),
      opts.output as OutputFormat,
      false,
    )
  )
    return;
  const rows = await Promise.all(
    clusters.map(async (c) => {
      const [version, status, message] = await connectionState(registry, c);
      return [c.server, c.name, version, status, message, c.project ?? ''];
    }),
  );
  process.stdout.write(table(['SERVER', 'NAME', 'VERSION', 'STATUS', 'MESSAGE', 'PROJECT'], rows));
}

async function remove(nameOrServer: string, opts: HomeOptions): Promise<void> {
  const homeCluster = await home(opts);
  const registry = new ClusterRegistry(homeCluster, opts.namespace);
  const target = nameOrServer.replace(/\/$/, '');
  const matches = (await registry.list()).filter((c) => c.name === target || c.server === target);
  if (matches.length === 0)
    throw new Error(`no cluster named or with server "${nameOrServer}" in namespace ${opts.namespace}`);
  for (const c of matches) {
    await homeCluster.delete(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        namespace: opts.namespace,
        name: c.secretName,
      },
      'Background',
    );
    process.stdout.write(`Cluster '${c.server}' (${c.name}) removed\n`);
  }
}

export function registerClusterCommands(program: Command): void {
  const cluster = program
    .command('cluster')
    .description('manage destination clusters (Argo CD cluster Secrets)');
  addHomeOptions(
    cluster
      .command('add <name>')
      .description('register a cluster: a ServiceAccount in it, a cluster Secret here'),
  )
    .option(
      '--kubeconfig <file>',
      'kubeconfig of the cluster to add (default: $KUBECONFIG or ~/.kube/config)',
    )
    .option('--context <name>', 'context of the cluster to add')
    .option('--server <url>', 'server URL to record (Applications use it); default: the kubeconfig server')
    .option('--system-namespace <ns>', 'namespace for the ServiceAccount in the added cluster', 'kube-system')
    .option('--namespaces <list>', 'manage only these namespaces (comma-separated)')
    .option('--cluster-resources', 'with --namespaces, also manage cluster-scoped resources')
    .option('--project <name>', 'the AppProject the cluster belongs to')
    .option('--label <key=value>', 'label of the cluster Secret (repeatable)', collect, [])
    .option('--annotation <key=value>', 'annotation of the cluster Secret (repeatable)', collect, [])
    .option('--upsert', 'replace the cluster Secret when it exists')
    .action((name: string, opts: AddOptions) => add(name, opts));
  addHomeOptions(cluster.command('list').description('list clusters and whether they can be reached'))
    .option('-o, --output <format>', 'table|json|yaml', 'table')
    .action((opts: HomeOptions & { output: string }) => list(opts));
  addHomeOptions(cluster.command('rm <name-or-server>').description('remove a cluster Secret')).action(
    (target: string, opts: HomeOptions) => remove(target, opts),
  );
}
