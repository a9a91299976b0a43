/**
 * `ferry image list|scan|policies`: Flux's image reflector from the terminal. `list` shows
 * the ImageRepositories with their tag counts and last scan, `scan NAME` asks for a scan
 * now (the request annotation, as `flux reconcile image repository`) and follows it with
 * progress, `policies` shows each ImagePolicy's latest image. The `image` group also holds
 * `automation run` (image-automation.ts), whichever file creates the group first.
 */
import type { Command } from 'commander';
import { IMAGE_API_VERSION, type ImagePolicy, type ImageRepository } from '../api/image/index.js';
import type { Cluster, ObjectRef } from '../kube/cluster.js';
import { parseDuration } from '../sync/plan/index.js';
import { homeCluster, type KubeOptions } from './kube.js';
import { requestReconcile } from './flux-wait.js';
import { policiesTable, repositoriesTable, scanSummary } from './image-view.js';

type Opts = KubeOptions & { allNamespaces?: boolean; timeout?: string };

function withOptions(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context')
    .option('-n, --namespace <ns>', 'namespace of the image objects', 'flux-system');
}

/** The `image` command group, made by whichever image command file registers first. */
export function imageGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'image') ??
    program.command('image').description('image automation: registries, policies, updates')
  );
}

async function list<T>(cluster: Cluster, kind: string, opts: Opts): Promise<T[]> {
  const namespace = opts.allNamespaces ? undefined : opts.namespace;
  return (await cluster.list(IMAGE_API_VERSION, kind, { namespace })) as T[];
}

async function scan(name: string, opts: Opts): Promise<void> {
  const cluster = await homeCluster(opts);
  const namespace = opts.namespace ?? 'flux-system';
  const ref: ObjectRef = { apiVersion: IMAGE_API_VERSION, kind: 'ImageRepository', namespace, name };
  const repo = (await cluster.get(ref)) as ImageRepository | undefined;
  if (!repo) throw new Error(`ImageRepository "${name}" not found in namespace ${namespace}`);
  if (repo.spec.suspend)
    throw new Error(`ImageRepository ${namespace}/${name} is suspended: resume it to scan`);
  const timeoutMs = parseDuration(opts.timeout ?? '2m');
  const scanned = (await requestReconcile(cluster, ref, { timeoutMs })) as ImageRepository;
  // Policies follow the new scan; give them a moment to settle before showing them.
  await new Promise((r) => setTimeout(r, 1000));
  const policies = (await list<ImagePolicy>(cluster, 'ImagePolicy', { allNamespaces: true })).filter(
    (p) =>
      p.spec.imageRepositoryRef.name === name &&
      (p.spec.imageRepositoryRef.namespace || p.metadata.namespace) === namespace,
  );
  process.stdout.write(scanSummary(scanned, policies));
}

export function registerImageCommands(program: Command): void {
  const image = imageGroup(program);
  withOptions(image.command('list').description('ImageRepositories: image, tag count, last scan, readiness'))
    .option('-A, --all-namespaces', 'every namespace')
    .action(async (opts: Opts) => {
      const repos = await list<ImageRepository>(await homeCluster(opts), 'ImageRepository', opts);
      process.stdout.write(repositoriesTable(repos, Boolean(opts.allNamespaces)));
    });
  withOptions(image.command('scan <name>').description('scan an ImageRepository now and wait for the result'))
    .option('--timeout <duration>', 'how long to wait for the scan', '2m')
    .action((name: string, opts: Opts) => scan(name, opts));
  withOptions(image.command('policies').description('ImagePolicies and the latest image each selects'))
    .option('-A, --all-namespaces', 'every namespace')
    .action(async (opts: Opts) => {
      const policies = await list<ImagePolicy>(await homeCluster(opts), 'ImagePolicy', opts);
      process.stdout.write(policiesTable(policies, Boolean(opts.allNamespaces)));
    });
}
