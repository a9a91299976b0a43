/**
 * `ferry app …`: Argo CD Applications from the terminal, like `argocd app`. Actions
 * (sync, rollback, refresh) are requests written on the Application that the
 * controller carries out, exactly as Argo CD's API server does.
 */
import type { Command } from 'commander';
import type { Application, Operation, OperationState } from '../api/argo/index.js';
import { ARGO_API_VERSION } from '../api/argo/index.js';
import type { Cluster, ObjectRef } from '../kube/cluster.js';
import { addKubeOptions, homeCluster, type KubeOptions } from './kube.js';
import { printObjects, table, type OutputFormat } from './table.js';
import { appListHeaders, appRow, appSummary, historyTable } from './app-view.js';
import { diffApplication } from './app-diff.js';
import { progressReporter } from '../util/progress.js';
import { refreshAnnotation } from '../controllers/application/reconcile.js';
import { resourcesFinalizer } from '../controllers/application/finalize.js';
import { parseDuration } from '../sync/plan/index.js';

type Opts = KubeOptions & { output?: OutputFormat };

const appRef = (opts: KubeOptions, name: string): ObjectRef => ({
  apiVersion: ARGO_API_VERSION,
  kind: 'Application',
  namespace: opts.namespace ?? 'argocd',
  name,
});

async function getApp(cluster: Cluster, opts: KubeOptions, name: string): Promise<Application> {
  const app = (await cluster.get(appRef(opts, name))) as Application | undefined;
  if (!app) throw new Error(`application "${name}" not found in namespace ${opts.namespace ?? 'argocd'}`);
  return app;
}

export function registerAppCommands(program: Command): void {
  const app = program.command('app').description('manage Argo CD Applications');
  const sub = (name: string, description: string): Command =>
    addKubeOptions(app.command(name).description(description));

  sub('list', 'list applications')
    .option('-o, --output <format>', 'table|yaml|json|name', 'table')
    .action(async (opts: Opts) => {
      const cluster = await homeCluster(opts);
      const apps = (await cluster.list(ARGO_API_VERSION, 'Application', {
        namespace: opts.namespace,
      })) as Application[];
      if (printObjects(apps, opts.output ?? 'table', false)) return;
      if (opts.output === 'name') process.stdout.write(apps.map((a) => `${a.metadata.name}\n`).join(''));
      else process.stdout.write(table(appListHeaders, apps.map(appRow)));
    });

  sub('get <name>', 'show an application: status, conditions, operation, resources')
    .option('-o, --output <format>', 'summary|yaml|json', 'summary')
    .action(async (name: string, opts: Opts) => {
      const a = await getApp(await homeCluster(opts), opts, name);
      if (!printObjects([a], opts.output ?? 'table', true)) process.stdout.write(appSummary(a));
    });

  sub('history <name>', 'deployment history').action(async (name: string, opts: KubeOptions) => {
    process.stdout.write(historyTable(await getApp(await homeCluster(opts), opts, name)));
  });

  sub(
    'diff <name>',
    'show how the cluster differs from the source (Secrets redacted); exit 1 when it differs',
  )
    .option('--hard-refresh', 'render again, ignoring caches')
    .action(async (name: string, opts: KubeOptions & { hardRefresh?: boolean }) => {
      const cluster = await homeCluster(opts);
      const text = await diffApplication(
        cluster,
        opts.namespace ?? 'argocd',
        await getApp(cluster, opts, name),
        Boolean(opts.hardRefresh),
      );
      process.stdout.write(text);
      if (text) process.exitCode = 1;
    });

  sub('sync <name>', 'sync now and wait for the result')
    .option('--prune', 'delete resources no longer in the source')
    .option('--dry-run', 'show what would happen')
    .option('--revision <rev>', 'sync to this revision instead of the target')
    .option(
      '--resource <group:kind:name>',
      'sync only this resource (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--async', 'do not wait')
    .option('--timeout <duration>', 'how long to wait', '5m')
    .action(
      async (
        name: string,
        opts: KubeOptions & {
          prune?: boolean;
          dryRun?: boolean;
          revision?: string;
          resource: string[];
          async?: boolean;
          timeout: string;
        },
      ) => {
        const cluster = await homeCluster(opts);
        const resources = opts.resource.map((r) => {
          const [group = '', kind = '', rname = ''] = r.split(':');
          return { group, kind, name: rname };
        });
        const operation: Operation = {
          sync: {
            prune: Boolean(opts.prune),
            dryRun: Boolean(opts.dryRun),
            ...(opts.revision ? { revision: opts.revision } : {}),
            ...(resources.length ? { resources } : {}),
          },
          initiatedBy: { username: process.env.USER ?? 'ferry-cli' },
        };
        await requestOperation(
          { cluster, opts, name },
          operation,
          opts.async ? undefined : parseDuration(opts.timeout),
        );
      },
    );

  sub('rollback <name> [id]', 'redeploy an earlier history entry (default: the one before the current)')
    .option('--timeout <duration>', 'how long to wait', '5m')
    .action(async (name: string, id: string | undefined, opts: KubeOptions & { timeout: string }) => {
      const cluster = await homeCluster(opts);
      const a = await getApp(cluster, opts, name);
      if (a.spec.syncPolicy?.automated && a.spec.syncPolicy.automated.enabled !== false) {
        throw new Error(
          `rollback cannot be initiated when auto-sync is enabled: turn off spec.syncPolicy.automated of ${name} first (as in Argo CD)`,
        );
      }
      const history = a.status?.history ?? [];
      const entry = id === undefined ? history.at(-2) : history.find((h) => h.id === Number(id));
      if (!entry)
        throw new Error(
          id === undefined
            ? `${name} has no earlier deployment to roll back to`
            : `${name} has no history entry ${id} (see: ferry app history ${name})`,
        );
      const operation: Operation = {
        sync: {
          revision: entry.revision,
          ...(entry.sources ? { sources: entry.sources } : { source: entry.source }),
          prune: true,
        },
        initiatedBy: { username: process.env.USER ?? 'ferry-cli' },
      };
      await requestOperation({ cluster, opts, name }, operation, parseDuration(opts.timeout));
    });

  sub('refresh <name>', 'compare with the source again now')
    .option('--hard', 'also render again, ignoring caches')
    .action(async (name: string, opts: KubeOptions & { hard?: boolean }) => {
      const cluster = await homeCluster(opts);
      await cluster.mergePatch(appRef(opts, name), {
        metadata: { annotations: { [refreshAnnotation]: opts.hard ? 'hard' : 'normal' } },
      });
      process.stdout.write(`refresh of ${name} requested\n`);
    });

  sub('delete <name>', 'delete an application')
    .option('--cascade', 'also delete its resources (default)', true)
    .option('--no-cascade', 'keep its resources')
    .action(async (name: string, opts: KubeOptions & { cascade: boolean }) => {
      const cluster = await homeCluster(opts);
      const a = await getApp(cluster, opts, name);
      if (opts.cascade && !(a.metadata.finalizers ?? []).includes(resourcesFinalizer)) {
        await cluster.mergePatch(appRef(opts, name), {
          metadata: { finalizers: [...(a.metadata.finalizers ?? []), resourcesFinalizer] },
        });
      }
      await cluster.delete(appRef(opts, name), 'Background'); // the resources finalizer does the cascade
      process.stdout.write(`application ${name} deleted${opts.cascade ? ' (with its resources)' : ''}\n`);
    });

  sub('wait <name>', 'wait until the application is Synced and Healthy')
    .option('--timeout <duration>', 'how long to wait', '5m')
    .action(async (name: string, opts: KubeOptions & { timeout: string }) => {
      const cluster = await homeCluster(opts);
      const progress = progressReporter();
      const deadline = Date.now() + parseDuration(opts.timeout);
      for (;;) {
        const a = await getApp(cluster, opts, name);
        const state = `${a.status?.sync?.status ?? 'Unknown'}/${a.status?.health?.status ?? 'Unknown'}`;
        progress.step(`${name}: ${state}`);
        if (state === 'Synced/Healthy') return progress.done(`${name} is Synced and Healthy`);
        if (Date.now() > deadline) throw new Error(`${name} is ${state} after ${opts.timeout}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    });
}

/** The Application a command works on: the cluster it lives in, the namespace options, its name. */
interface AppTarget {
  cluster: Cluster;
  opts: KubeOptions;
  name: string;
}

/** Writes the operation, then (unless async) follows operationState until it ends. */
async function requestOperation(target: AppTarget, operation: Operation, timeoutMs?: number): Promise<void> {
  const { cluster, opts, name } = target;
  const before = await getApp(cluster, opts, name);
  if (before.operation) throw new Error(`another operation is already in progress on ${name}`);
  const requested = new Date();
  await cluster.mergePatch(appRef(opts, name), { operation });
  if (timeoutMs === undefined) {
    process.stdout.write(`operation requested on ${name}\n`);
    return;
  }
  await followOperation(target, requested, timeoutMs);
}

/** Shows the operation's progress until the controller finishes it, then the app's summary. */
async function followOperation(target: AppTarget, requested: Date, timeoutMs: number): Promise<void> {
  const { cluster, opts, name } = target;
  const progress = progressReporter();
  const deadline = Date.now() + timeoutMs;
  progress.step(
    `waiting for the controller to start the operation on ${name} (is 'ferry controller' running?)`,
  );
  for (;;) {
    const a = await getApp(cluster, opts, name);
    const state = operationStateSince(a, requested);
    if (state) progress.step(`${name}: ${state.phase} ${state.message ?? ''}`);
    if (state && !a.operation && state.phase !== 'Running') {
      progress.done();
      process.stdout.write(appSummary(a));
      if (state.phase !== 'Succeeded') process.exitCode = 1;
      return;
    }
    if (Date.now() > deadline) throw new Error(`the operation on ${name} did not finish in time`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The app's operation state if it is of an operation started since `requested` (1 s of clock skew allowed). */
function operationStateSince(app: Application, requested: Date): OperationState | undefined {
  const state = app.status?.operationState;
  return state && Date.parse(state.startedAt) >= requested.getTime() - 1000 ? state : undefined;
}
