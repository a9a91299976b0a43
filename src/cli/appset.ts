/**
 * `ferry appset list|get|preview`: ApplicationSets from the terminal, like `argocd appset`.
 * `preview` runs the generators and templates (reading clusters and git as the controller
 * does) and prints the Applications that would be generated, changing nothing.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify, parse } from 'yaml';
import type { Application, ApplicationSet } from '../api/argo/index.js';
import { ARGO_API_VERSION, validateApplicationSet } from '../api/argo/index.js';
import { generateApplications } from '../appset/generate.js';
import { controllingAppSet, planApplications } from '../appset/plan.js';
import { checkGeneratedApplications } from '../appset/validate-apps.js';
import { ClusterRegistry } from '../controllers/clusters.js';
import { appCheckInputs } from '../controllers/applicationset/checks.js';
import { LiveGeneratorInputs } from '../controllers/applicationset/inputs.js';
import { createEngine } from '../engine/engine.js';
import type { Cluster } from '../kube/cluster.js';
import { ensureGoTemplateEngine } from '../templates/go-engine.js';
import { addKubeOptions, homeCluster, type KubeOptions } from './kube.js';
import { age, printObjects, table, type OutputFormat } from './table.js';

type Opts = KubeOptions & { output?: OutputFormat };

const namespaceOf = (opts: KubeOptions): string => opts.namespace ?? 'argocd';

async function getAppSet(cluster: Cluster, opts: KubeOptions, name: string): Promise<ApplicationSet> {
  const ref = { apiVersion: ARGO_API_VERSION, kind: 'ApplicationSet', namespace: namespaceOf(opts), name };
  const appSet = (await cluster.get(ref)) as ApplicationSet | undefined;
  if (!appSet) throw new Error(`applicationset "${name}" not found in namespace ${namespaceOf(opts)}`);
  return appSet;
}

const condition = (a: ApplicationSet, type: string): string =>
  a.status?.conditions?.find((c) => c.type === type)?.status ?? 'Unknown';

function generatorKinds(a: ApplicationSet): string {
  return (a.spec.generators ?? [])
    .map((g) =>
      Object.keys(g)
        .filter((k) => k !== 'selector')
        .join('+'),
    )
    .join(',');
}

function state(a: ApplicationSet): { status: string; message: string } {
  const error = a.status?.conditions?.find((c) => c.type === 'ErrorOccurred' && c.status === 'True');
  if (error) return { status: 'Error', message: error.message };
  return { status: condition(a, 'ResourcesUpToDate') === 'True' ? 'UpToDate' : 'Unknown', message: '' };
}

function row(a: ApplicationSet): string[] {
  const { status, message } = state(a);
  const apps = a.status?.resourcesCount ?? a.status?.resources?.length ?? 0;
  const policy = a.spec.syncPolicy?.applicationsSync ?? 'sync';
  return [
    a.metadata.name ?? '',
    generatorKinds(a),
    String(apps),
    policy,
    status,
    message,
    age(a.metadata.creationTimestamp),
  ];
}

function summary(a: ApplicationSet): string {
  const lines = [
    `Name:            ${a.metadata.namespace}/${a.metadata.name}`,
    `Generators:      ${generatorKinds(a)}`,
    `Template syntax: ${a.spec.goTemplate ? `go template ${(a.spec.goTemplateOptions ?? []).join(' ')}`.trim() : 'default ({{ param }})'}`,
    `Sync policy:     ${a.spec.syncPolicy?.applicationsSync ?? 'sync'}${a.spec.syncPolicy?.preserveResourcesOnDeletion ? ', preserve resources on deletion' : ''}`,
    '',
    'CONDITION            STATUS  REASON                          MESSAGE',
    ...(a.status?.conditions ?? []).map(
      (c) => `${c.type.padEnd(21)}${c.status.padEnd(8)}${c.reason.padEnd(32)}${c.message}`,
    ),
    '',
  ];
  const apps = (a.status?.resources ?? []).map((r) => [r.name ?? '', r.status ?? '', r.health?.status ?? '']);
  return `${lines.join('\n')}\n${table(['APPLICATION', 'STATUS', 'HEALTH'], apps)}`;
}

/** Generates without writing: the Applications, their problems, and what would change. */
async function preview(
  cluster: Cluster,
  opts: KubeOptions,
  appSet: ApplicationSet,
): Promise<{ apps: Application[]; notes: string[] }> {
  const { errors } = validateApplicationSet(appSet);
  if (errors.length) throw new Error(`invalid ApplicationSet: ${errors.join('; ')}`);
  const engine = createEngine(cluster, namespaceOf(opts));
  const registry = new ClusterRegistry(cluster, namespaceOf(opts));
  if (appSet.spec.goTemplate) await ensureGoTemplateEngine((m) => process.stderr.write(`${m}\n`));
  const apps = await generateApplications(appSet, new LiveGeneratorInputs(registry, engine.git));
  const checks = await appCheckInputs(
    cluster,
    namespaceOf(opts),
    appSet.metadata.name ?? '',
    await registry.list(),
  );
  const notes = checkGeneratedApplications(apps, checks).map((p) => `problem: ${p}`);
  const existing = (await cluster.list(ARGO_API_VERSION, 'Application', {
    namespace: namespaceOf(opts),
  })) as Application[];
  const owned = existing.filter(
    (a) =>
      controllingAppSet(a) === appSet.metadata.name || apps.some((g) => g.metadata.name === a.metadata.name),
  );
  const plan = planApplications(appSet, apps, owned);
  for (const c of plan.changes)
    notes.push(`would ${c.action} ${(c.action === 'delete' ? c.current : c.app).metadata.name}`);
  notes.push(...plan.problems.map((p) => `problem: ${p}`));
  return { apps, notes };
}

export function registerAppsetCommands(program: Command): void {
  const appset = program.command('appset').description('manage Argo CD ApplicationSets');
  const sub = (name: string, description: string): Command =>
    addKubeOptions(appset.command(name).description(description));

  sub('list', 'list applicationsets')
    .option('-o, --output <format>', 'table|yaml|json|name', 'table')
    .action(async (opts: Opts) => {
      const cluster = await homeCluster(opts);
      const sets = (await cluster.list(ARGO_API_VERSION, 'ApplicationSet', {
        namespace: namespaceOf(opts),
      })) as ApplicationSet[];
      if (printObjects(sets, opts.output ?? 'table', false)) return;
      if (opts.output === 'name') process.stdout.write(sets.map((s) => `${s.metadata.name}\n`).join(''));
      else
        process.stdout.write(
          table(['NAME', 'GENERATORS', 'APPS', 'SYNC POLICY', 'STATUS', 'MESSAGE', 'AGE'], sets.map(row)),
        );
    });

  sub('get <name>', 'show an applicationset: conditions and the Applications it generated')
    .option('-o, --output <format>', 'summary|yaml|json', 'summary')
    .action(async (name: string, opts: Opts) => {
      const a = await getAppSet(await homeCluster(opts), opts, name);
      if (!printObjects([a], opts.output ?? 'table', true)) process.stdout.write(summary(a));
    });

  sub('preview [name]', 'render the Applications an applicationset would generate, without creating them')
    .option('-f, --file <file>', 'preview an ApplicationSet from a YAML file instead of the cluster')
    .option('-o, --output <format>', 'yaml|json|name', 'yaml')
    .action(async (name: string | undefined, opts: Opts & { file?: string }) => {
      const cluster = await homeCluster(opts);
      if (!name && !opts.file) throw new Error('give an ApplicationSet name or --file');
      const appSet = opts.file
        ? (parse(readFileSync(opts.file, 'utf8')) as ApplicationSet)
        : await getAppSet(cluster, opts, name!);
      appSet.metadata.namespace ??= namespaceOf(opts);
      const { apps, notes } = await preview(cluster, opts, appSet);
      for (const note of notes) process.stderr.write(`${note}\n`);
      if (opts.output === 'name') process.stdout.write(apps.map((a) => `${a.metadata.name}\n`).join(''));
      else if (opts.output === 'json') process.stdout.write(`${JSON.stringify(apps, null, 2)}\n`);
      else process.stdout.write(apps.map((a) => stringify(a)).join('---\n'));
    });
}
