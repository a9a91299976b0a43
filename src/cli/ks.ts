/**
 * `ferry ks list|get|reconcile|suspend|resume`: Flux Kustomizations from the terminal, like
 * `flux get|reconcile|suspend|resume kustomization`. Suspend and resume change
 * `spec.suspend`; reconcile (and resume) write `reconcile.fluxcd.io/requestedAt` and follow
 * the result, showing progress; `--with-source` fetches the source first.
 */
import type { Command } from 'commander';
import {
  KUSTOMIZE_API_VERSION,
  RECONCILE_REQUESTED_ANNOTATION,
  SOURCE_API_VERSION,
  type Kustomization,
} from '../api/flux/index.js';
import type { Cluster, ObjectRef } from '../kube/cluster.js';
import { parseDuration } from '../sync/plan/index.js';
import { homeCluster, type KubeOptions } from './kube.js';
import { requestReconcile, waitHandled } from './flux-wait.js';
import { kustomizationDetails, kustomizationsTable } from './ks-view.js';

type Opts = KubeOptions & { allNamespaces?: boolean };

function withOptions(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context')
    .option('-n, --namespace <ns>', 'namespace of the Kustomization', 'flux-system');
}

const ksRef = (opts: KubeOptions, name: string): ObjectRef => ({
  apiVersion: KUSTOMIZE_API_VERSION,
  kind: 'Kustomization',
  namespace: opts.namespace ?? 'flux-system',
  name,
});

async function getKs(cluster: Cluster, opts: KubeOptions, name: string): Promise<Kustomization> {
  const ks = (await cluster.get(ksRef(opts, name))) as Kustomization | undefined;
  if (!ks)
    throw new Error(`Kustomization "${name}" not found in namespace ${opts.namespace ?? 'flux-system'}`);
  return ks;
}

const say = (line: string): boolean => process.stdout.write(`${line}\n`);

/** `ferry flux get kustomizations` (registered under `flux get`). */
export function registerGetKustomizations(get: Command): void {
  withOptions(get.command('kustomizations').alias('ks').description('Kustomizations'))
    .option('-A, --all-namespaces', 'every namespace')
    .action(listAction);
}

async function listAction(opts: Opts): Promise<void> {
  const cluster = await homeCluster(opts);
  const namespace = opts.allNamespaces ? undefined : opts.namespace;
  const list = (await cluster.list(KUSTOMIZE_API_VERSION, 'Kustomization', { namespace })) as Kustomization[];
  process.stdout.write(kustomizationsTable(list, Boolean(opts.allNamespaces)));
}

export function registerKsCommands(program: Command): void {
  const ks = program
    .command('ks')
    .alias('kustomization')
    .description('manage Flux Kustomizations, like `flux … ks`');
  const sub = (spec: string, description: string): Command =>
    withOptions(ks.command(spec).description(description));

  sub('list', 'Kustomizations with their readiness')
    .option('-A, --all-namespaces', 'every namespace')
    .action(listAction);

  sub('get <name>', 'one Kustomization: source, revisions, conditions, inventory').action(
    async (name: string, opts: KubeOptions) => {
      process.stdout.write(kustomizationDetails(await getKs(await homeCluster(opts), opts, name)));
    },
  );

  sub('suspend <name>', 'stop reconciling the Kustomization (changes are ignored until resumed)').action(
    async (name: string, opts: KubeOptions) => {
      const cluster = await homeCluster(opts);
      await getKs(cluster, opts, name);
      await cluster.mergePatch(ksRef(opts, name), { spec: { suspend: true } });
      say(`✔ Kustomization ${opts.namespace}/${name} suspended`);
    },
  );

  sub('resume <name>', 'reconcile the Kustomization again and wait for the result')
    .option('--timeout <duration>', 'how long to wait', '5m')
    .action(async (name: string, opts: KubeOptions & { timeout: string }) => {
      const cluster = await homeCluster(opts);
      await getKs(cluster, opts, name);
      const token = new Date().toISOString();
      await cluster.mergePatch(ksRef(opts, name), {
        spec: { suspend: false },
        metadata: { annotations: { [RECONCILE_REQUESTED_ANNOTATION]: token } },
      });
      const done = (await waitHandled(
        cluster,
        ksRef(opts, name),
        token,
        parseDuration(opts.timeout),
      )) as Kustomization;
      say(`✔ Kustomization ${opts.namespace}/${name} resumed at ${done.status?.lastAppliedRevision ?? '?'}`);
    });

  sub('reconcile <name>', 'reconcile now and wait for the result')
    .option('--with-source', 'fetch the source first')
    .option('--timeout <duration>', 'how long to wait', '5m')
    .action(async (name: string, opts: KubeOptions & { withSource?: boolean; timeout: string }) => {
      const cluster = await homeCluster(opts);
      const target = await getKs(cluster, opts, name);
      const timeoutMs = parseDuration(opts.timeout);
      if (opts.withSource) {
        const src = target.spec.sourceRef;
        const ref = { apiVersion: SOURCE_API_VERSION, kind: src.kind, name: src.name };
        await requestReconcile(
          cluster,
          { ...ref, namespace: src.namespace ?? target.metadata.namespace },
          { timeoutMs },
        );
      }
      const done = (await requestReconcile(cluster, ksRef(opts, name), { timeoutMs })) as Kustomization;
      say(`✔ Kustomization ${opts.namespace}/${name} at ${done.status?.lastAppliedRevision ?? '?'}`);
    });
}
