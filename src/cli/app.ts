/**
 * `ferry app …`: Argo CD Applications from the terminal, like `argocd app`. Actions
 * (sync, rollback, refresh) are requests written on the Application that the
 * controller carries out, exactly as Argo CD's API server does. With `--server`
 * (or FERRY_SERVER) every command goes through a Ferry server's HTTP API instead
 * (app-remote.ts).
 */
import type { Command } from 'commander';
import type { Application, Operation } from '../api/argo/index.js';
import { ARGO_API_VERSION } from '../api/argo/index.js';
import type { Cluster, ObjectRef } from '../kube/cluster.js';
import { addKubeOptions, homeCluster, type KubeOptions } from './kube.js';
import { printObjects, table, type OutputFormat } from './table.js';
import { appListHeaders, appRow, appSummary, historyTable } from './app-view.js';
import { diffApplication } from './app-diff.js';
import { followOperation, waitSyncedHealthy, waitTerminated } from './app-follow.js';
import { terminationPatch } from '../controllers/application/terminate.js';
import * as remote from './app-remote.js';
import { addServerOptions } from './remote/options.js';
import { remoteClient, type ServerOptions } from './remote/client.js';
import { refreshAnnotation } from '../controllers/application/reconcile.js';
import { resourcesFinalizer } from '../controllers/application/finalize.js';
import { parseDuration } from '../sync/plan/index.js';
import { ClusterRegistry } from '../controllers/clusters.js';
import { formatLogs, readAppLogs, type LogQuery } from '../server/api/logs.js';

type Opts = KubeOptions & ServerOptions & { output?: OutputFormat };

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
    addServerOptions(addKubeOptions(app.command(name).description(description)));

  sub('list', 'list applications')
    .option('-o, --output <format>', 'table|yaml|json|name', 'table')
    .action(async (opts: Opts) => {
      const api = remoteClient(opts);
      if (api) return remote.remoteList(api, opts.output ?? 'table');
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
      const api = remoteClient(opts);
      if (api) return remote.remoteGet(api, name, opts.output ?? 'table');
      const a = await getApp(await homeCluster(opts), opts, name);
      if (!printObjects([a], opts.output ?? 'table', true)) process.stdout.write(appSummary(a));
    });

  sub('history <name>', 'deployment history').action(async (name: string, opts: Opts) => {
    const api = remoteClient(opts);
    if (api) return remote.remoteHistory(api, name);
    process.stdout.write(historyTable(await getApp(await homeCluster(opts), opts, name)));
  });

  sub(
    'diff <name>',
    'show how the cluster differs from the source (Secrets redacted); exit 1 when it differs',
  )
    .option('--hard-refresh', 'render again, ignoring caches')
    .action(async (name: string, opts: Opts & { hardRefresh?: boolean }) => {
      const api = remoteClient(opts);
      if (api) return remote.remoteDiff(api, name, Boolean(opts.hardRefresh));
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
    .action(async (name: string, opts: SyncOpts) => {
      const sync = syncRequest(opts);
      const timeoutMs = opts.async ? undefined : parseDuration(opts.timeout);
      const api = remoteClient(opts);
      if (api) return remote.remoteOperation(api, name, { action: 'sync', body: { ...sync } }, timeoutMs);
      const operation: Operation = { sync, initiatedBy: { username: process.env.USER ?? 'ferry-cli' } };
      await requestOperation({ cluster: await homeCluster(opts), opts, name }, operation, timeoutMs);
    });

  sub('rollback <name> [id]', 'redeploy an earlier history entry (default: the one before the current)')
    .option('--timeout <duration>', 'how long to wait', '5m')
    .action(async (name: string, id: string | undefined, opts: Opts & { timeout: string }) => {
      if (id !== undefined && !/^\d+$/.test(id))
        throw new Error(`the history id must be a number, not "${id}" (see: ferry app history ${name})`);
      const api = remoteClient(opts);
      if (api)
        return remote.remoteOperation(
          api,
          name,
          { action: 'rollback', body: id === undefined ? {} : { id: Number(id) } },
          parseDuration(opts.timeout),
        );
      const cluster = await homeCluster(opts);
      const operation = rollbackOperation(await getApp(cluster, opts, name), id);
      await requestOperation({ cluster, opts, name }, operation, parseDuration(opts.timeout));
    });

  sub('refresh <name>', 'compare with the source again now')
    .option('--hard', 'also render again, ignoring caches')
    .action(async (name: string, opts: Opts & { hard?: boolean }) => {
      const api = remoteClient(opts);
      if (api) return remote.remoteRefresh(api, name, Boolean(opts.hard));
      const cluster = await homeCluster(opts);
      await cluster.mergePatch(appRef(opts, name), {
        metadata: { annotations: { [refreshAnnotation]: opts.hard ? 'hard' : 'normal' } },
      });
      process.stdout.write(`refresh of ${name} requested\n`);
    });

  sub('delete <name>', 'delete an application')
    .option('--cascade', 'also delete its resources (default)', true)
    .option('--no-cascade', 'keep its resources')
    .action(async (name: string, opts: Opts & { cascade: boolean }) => {
      const api = remoteClient(opts);
      if (api) return remote.remoteDelete(api, name, opts.cascade);
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

  sub('terminate-op <name>', 'stop the running sync (it ends Failed: "Operation terminated")')
    .option('--timeout <duration>', 'how long to wait for the controller to stop it', '1m')
    .action(async (name: string, opts: Opts & { timeout: string }) => {
      const api = remoteClient(opts);
      const timeoutMs = parseDuration(opts.timeout);
      if (api) return remote.remoteTerminate(api, name, timeoutMs);
      const cluster = await homeCluster(opts);
      const patch = terminationPatch(await getApp(cluster, opts, name), process.env.USER ?? 'ferry-cli');
      if (!patch)
        throw new Error(`unable to terminate the operation of ${name}: no operation is in progress`);
      await cluster.mergePatch(appRef(opts, name), patch);
      await waitTerminated(name, () => getApp(cluster, opts, name), timeoutMs);
    });

  sub('logs <name>', "print the logs of the application's pods (all of them, at most 10, without --pod)")
    .option('--pod <name>', 'only this pod (it must belong to the application)')
    .option('--pod-namespace <namespace>', "the pod's namespace, when its name is not unique in the app")
    .option('-c, --container <name>', 'this container (default: the first)')
    .option('--tail <lines>', 'only the last N lines')
    .action(async (name: string, opts: Opts & LogOpts) => {
      const query = logQueryOf(opts);
      const api = remoteClient(opts);
      if (api) return remote.remoteLogs(api, name, query);
      const cluster = await homeCluster(opts);
      const a = await getApp(cluster, opts, name);
      const dest = await new ClusterRegistry(cluster, opts.namespace ?? 'argocd').resolve(a.spec.destination);
      process.stdout.write(formatLogs(await readAppLogs(a, dest, query)));
    });

  sub('wait <name>', 'wait until the application is Synced and Healthy')
    .option('--timeout <duration>', 'how long to wait', '5m')
    .action(async (name: string, opts: Opts & { timeout: string }) => {
      const timeout = { ms: parseDuration(opts.timeout), text: opts.timeout };
      const api = remoteClient(opts);
      if (api) return remote.remoteWait(api, name, timeout);
      const cluster = await homeCluster(opts);
      await waitSyncedHealthy(name, () => getApp(cluster, opts, name), timeout);
    });
}

interface LogOpts {
  pod?: string;
  podNamespace?: string;
  container?: string;
  tail?: string;
}

function logQueryOf(opts: LogOpts): LogQuery {
  if (opts.tail !== undefined && !/^\d+$/.test(opts.tail))
    throw new Error(`--tail must be a whole number of lines, not "${opts.tail}"`);
  return {
    pod: opts.pod,
    namespace: opts.podNamespace,
    container: opts.container,
    tailLines: opts.tail === undefined ? undefined : Number(opts.tail),
  };
}

type SyncOpts = Opts & {
  prune?: boolean;
  dryRun?: boolean;
  revision?: string;
  resource: string[];
  async?: boolean;
  timeout: string;
};

/** The sync the options ask for (the body of the API's sync request, too). */
function syncRequest(opts: SyncOpts): NonNullable<Operation['sync']> {
  const resources = opts.resource.map((r) => {
    const [group = '', kind = '', name = ''] = r.split(':');
    if (!kind || !name) throw new Error(`--resource must be GROUP:KIND:NAME, not "${r}"`);
    return { group, kind, name };
  });
  return {
    prune: Boolean(opts.prune),
    dryRun: Boolean(opts.dryRun),
    ...(opts.revision ? { revision: opts.revision } : {}),
    ...(resources.length ? { resources } : {}),
  };
}

/** The rollback operation to history entry `id` (default: the one before the current). */
function rollbackOperation(a: Application, id: string | undefined): Operation {
  const name = a.metadata.name ?? '';
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
  return {
    sync: {
      revision: entry.revision,
      ...(entry.sources ? { sources: entry.sources } : { source: entry.source }),
      prune: true,
    },
    initiatedBy: { username: process.env.USER ?? 'ferry-cli' },
  };
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
  await followOperation(name, () => getApp(cluster, opts, name), requested, timeoutMs);
}
