/** `ferry testbed …`: the local playground of real components (see docs/testbed.md). */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { ensureTools } from '../testbed/tools.js';
import {
  readRunningTestbed,
  serveTestbed,
  startDetachedTestbed,
  stopDetachedTestbed,
} from '../testbed/daemon.js';
import { pushFolderTo } from '../testbed/gitserver.js';
import type { TestbedEndpoints } from '../testbed/endpoints.js';
import { progressReporter } from '../util/progress.js';

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function printEndpoints(e: TestbedEndpoints, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(e, null, 2)}\n`);
    return;
  }
  const lines = [
    `test bed running (pid ${e.pid}, folder ${e.dir})`,
    ...Object.entries(e.clusters).map(
      ([n, c]) => `  cluster ${n.padEnd(10)} ${c.server}  kubeconfig: ${c.kubeconfig}`,
    ),
    `  git server         ${e.git.url}  user: ${e.git.username ?? '(none)'}`,
    `  OCI registry       ${e.registry.ociUrl}  user: ${e.registry.username ?? '(none)'}`,
    `  chart repository   ${e.chartRepo.url}  folder: ${e.chartRepo.dir}`,
    `  helm ${e.tools.helm}`,
    `  kustomize ${e.tools.kustomize}`,
    `  kubectl ${e.tools.kubectl}`,
    'Credentials: ferry testbed status --json',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerTestbedCommands(program: Command): void {
  const testbed = program
    .command('testbed')
    .description('start and stop the local test bed of real components');

  testbed
    .command('build')
    .description(
      'build (once) the Go binaries the bed runs: kube-apiserver, etcd, helm, kustomize, kwok, kubeseal',
    )
    .action(async () => {
      const progress = progressReporter();
      const tools = await ensureTools((m) => progress.step(m));
      progress.done('test bed binaries ready');
      process.stdout.write(`${JSON.stringify(tools, null, 2)}\n`);
    });

  testbed
    .command('up')
    .description('start the bed in the background and print its endpoints')
    .option('--clusters <names>', 'comma-separated control plane names', 'dev')
    .option('--no-nodes', 'no simulated nodes (faster; Deployments never become Available)')
    .option('--json', 'print the endpoints as JSON (keys in docs/testbed.md)')
    .action(async (opts: { clusters: string; nodes: boolean; json?: boolean }) => {
      const progress = progressReporter();
      const args = ['--clusters', opts.clusters, ...(opts.nodes ? [] : ['--no-nodes'])];
      const endpoints = await startDetachedTestbed(args, undefined, (line) => progress.step(line));
      progress.done('test bed up');
      printEndpoints(endpoints, Boolean(opts.json));
    });

  testbed
    .command('serve', { hidden: true })
    .requiredOption('--dir <dir>')
    .option('--clusters <names>', '', 'dev')
    .option('--no-nodes')
    .action(async (opts: { dir: string; clusters: string; nodes: boolean }) => {
      await serveTestbed(opts.dir, { clusters: splitList(opts.clusters), nodes: opts.nodes });
    });

  testbed
    .command('status')
    .description('print the running bed’s endpoints')
    .option('--json', 'as JSON')
    .action((opts: { json?: boolean }) => {
      const running = readRunningTestbed();
      if (!running) {
        process.stderr.write('no test bed is running (start one with: ferry testbed up)\n');
        process.exitCode = 3;
        return;
      }
      printEndpoints(running, Boolean(opts.json));
    });

  testbed
    .command('down')
    .description('stop the running bed')
    .action(async () => {
      const stopped = await stopDetachedTestbed();
      process.stdout.write(stopped ? 'test bed stopped\n' : 'no test bed was running\n');
    });

  testbed
    .command('repo <name>')
    .description('create or update a repository on the bed’s git server from a folder; prints its clone URL')
    .requiredOption('--from <dir>', 'folder whose content becomes the next commit')
    .option('--branch <branch>', 'branch to push', 'main')
    .option('--tag <tag>', 'also tag the commit')
    .option('-m, --message <message>', 'commit message')
    .action(async (name: string, opts: { from: string; branch: string; tag?: string; message?: string }) => {
      const running = readRunningTestbed();
      if (!running) throw new Error('no test bed is running (start one with: ferry testbed up)');
      const url = new URL(`${running.git.url}/${name}.git`);
      const withAuth = new URL(url);
      if (running.git.username) {
        withAuth.username = running.git.username;
        withAuth.password = running.git.password ?? '';
      }
      const commit = await pushFolderTo(running.git.root, withAuth.toString(), {
        name,
        folder: resolve(opts.from),
        branch: opts.branch,
        tag: opts.tag,
        message: opts.message,
      });
      process.stdout.write(`${url.toString()}\n`);
      process.stderr.write(`pushed ${commit.slice(0, 12)} to ${opts.branch}\n`);
    });
}
