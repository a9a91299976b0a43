/**
 * `ferry image updater APP [--dry-run]`: what Argo CD Image Updater's annotations on an
 * Application would change now (alias, image, current → new tag), and without
 * --dry-run, the update itself (write-back as the annotations say), as the controller does it.
 */
import type { Command } from 'commander';
import { ARGO_API_VERSION, type Application } from '../api/argo/index.js';
import { RepositoryCredentials } from '../engine/engine.js';
import { ImageUpdaterController, type AppRunResult } from '../controllers/imageupdater/controller.js';
import type { ImageOutcome } from '../controllers/imageupdater/plan.js';
import { hasImageList } from '../controllers/imageupdater/plan.js';
import { silentLogger } from '../util/log.js';
import { progressReporter } from '../util/progress.js';
import { addKubeOptions, homeCluster, type KubeOptions } from './kube.js';
import { table } from './table.js';
import { imageGroup } from './image.js';

function outcomeText(o: ImageOutcome): string {
  switch (o.result) {
    case 'update':
      return `${o.change.oldTag || '(none)'} → ${o.change.newTag}${o.change.digest ? `@${o.change.digest}` : ''}`;
    case 'current':
      return `up to date (${o.tag})`;
    case 'skipped':
      return `skipped: ${o.reason}`;
    case 'error':
      return `error: ${o.error}`;
  }
}

export function updaterReport(result: AppRunResult, dryRun: boolean): string {
  const rows = result.outcomes.map((o) => [o.alias, o.image, outcomeText(o)]);
  let out = table(['ALIAS', 'IMAGE', dryRun ? 'WOULD CHANGE' : 'CHANGE'], rows);
  if (result.error) out += `error: ${result.error}\n`;
  const wb = result.writeBack;
  if (wb)
    out += wb.changed
      ? `written back (${wb.method}${wb.commit ? `, commit ${wb.commit.slice(0, 12)} on ${wb.branch ?? ''}` : ''})\n`
      : 'write-back target already up to date\n';
  return out;
}

/** Adds `updater` under the `image` command group. */
export function registerImageUpdaterCommand(program: Command): void {
  const image = imageGroup(program);
  addKubeOptions(
    image
      .command('updater <app>')
      .description(
        'Argo CD Image Updater annotations of an Application: what changes (and, without --dry-run, change it)',
      )
      .option('--dry-run', 'only show what would change'),
  ).action(async (name: string, opts: KubeOptions & { dryRun?: boolean }) => {
    const home = await homeCluster(opts);
    const namespace = opts.namespace ?? 'argocd';
    const app = (await home.get({ apiVersion: ARGO_API_VERSION, kind: 'Application', namespace, name })) as
      Application | undefined;
    if (!app) throw new Error(`application "${name}" not found in namespace ${namespace}`);
    if (!hasImageList(app))
      throw new Error(`application "${name}" has no argocd-image-updater.argoproj.io/image-list annotation`);
    const credentials = new RepositoryCredentials(home, namespace);
    const controller = new ImageUpdaterController({
      home,
      namespace,
      log: silentLogger,
      repoCredentials: async (url) => {
        const c = await credentials.for(url);
        return c && { username: c.username, password: c.password ?? c.bearerToken, insecure: c.insecure };
      },
    });
    const progress = progressReporter();
    progress.step(`checking the registry for the images of ${name}`);
    const result = await controller.updateApplication(app, { dryRun: Boolean(opts.dryRun) });
    progress.done();
    process.stdout.write(updaterReport(result, Boolean(opts.dryRun)));
    if (result.error || result.outcomes.some((o) => o.result === 'error')) process.exitCode = 1;
  });
}
