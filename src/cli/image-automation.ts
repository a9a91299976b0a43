/**
 * `ferry image automation run NAME [--dry-run]`: runs a Flux ImageUpdateAutomation once
 * from the terminal. A dry run clones, applies the setters and prints each change (file,
 * setter, old → new) and the commit message without committing; otherwise the run
 * commits and pushes as the controller would (status and Event included) and prints the commit.
 */
import type { Command } from 'commander';
import { ImageAutomationController } from '../controllers/image/automation-controller.js';
import type { RunReport } from '../controllers/image/automation-run.js';
import { silentLogger } from '../util/log.js';
import { progressReporter } from '../util/progress.js';
import { homeCluster, type KubeOptions } from './kube.js';
import { table } from './table.js';

type Opts = KubeOptions & { dryRun?: boolean };

/** The text the command prints for a run's report. */
export function automationReport(report: RunReport, dryRun: boolean): string {
  if (report.changes.length === 0) return 'no updates: every marked value is current\n';
  const rows = report.changes.map((c) => [c.file, c.setter, `${c.oldValue} → ${c.newValue}`]);
  let out = table(['FILE', 'SETTER', dryRun ? 'WOULD CHANGE' : 'CHANGE'], rows);
  if (dryRun) return `${out}would commit to ${report.target}:\n${indent(report.message ?? '')}`;
  if (report.pushed && report.commit) {
    out += `committed and pushed ${report.commit} to ${report.target}`;
    out += report.attempts > 1 ? ` (after ${report.attempts - 1} retries: the branch moved)\n` : '\n';
    out += `files: ${report.files.join(', ')}\n`;
  } else out += 'nothing committed: the files were already up to date\n';
  return out;
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n') + '\n';

/** Adds `automation run` under the `image` command group (made here when no other file made it). */
export function registerImageAutomationCommand(program: Command): void {
  const image =
    program.commands.find((c) => c.name() === 'image') ??
    program.command('image').description('image automation: registries, policies, updates');
  const automation = image.command('automation').description('Flux ImageUpdateAutomations');
  automation
    .command('run <name>')
    .description('run an ImageUpdateAutomation now: commit and push the policies’ latest images')
    .option('--dry-run', 'only show what would change; commit nothing')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context')
    .option('-n, --namespace <ns>', 'namespace of the ImageUpdateAutomation', 'flux-system')
    .action(async (name: string, opts: Opts) => {
      const home = await homeCluster(opts);
      const controller = new ImageAutomationController({ home, log: silentLogger });
      const progress = progressReporter();
      progress.step(
        `running ImageUpdateAutomation ${opts.namespace ?? 'flux-system'}/${name}${opts.dryRun ? ' (dry run)' : ''}`,
      );
      try {
        const report = await controller.runNow(opts.namespace ?? 'flux-system', name, {
          dryRun: opts.dryRun,
        });
        progress.done();
        process.stdout.write(automationReport(report, Boolean(opts.dryRun)));
      } catch (err) {
        progress.done();
        throw err;
      }
    });
}
