/** `ferry demo`: the main job on the embedded default (see README). */
import type { Command } from 'commander';
import { appStates, startDemo, demoNamespace, type AppState } from '../demo/demo.js';
import { createLogger } from '../util/log.js';
import { progressReporter } from '../util/progress.js';
import { table } from './table.js';

const converged = (states: AppState[]): boolean =>
  states.every((s) => s.sync === 'Synced' && s.health === 'Healthy');

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('start the local test bed, load the example GitOps repository and run Ferry on it')
    .option(
      '--once',
      'exit once every example app is Synced and Healthy (default: keep reconciling until Ctrl-C)',
    )
    .option('--timeout <seconds>', 'give up waiting for convergence after this long', '300')
    .option(
      '--listen <host:port>',
      'where to serve the dashboard and API (port 0: any free port)',
      '127.0.0.1:0',
    )
    .action(async (opts: { once?: boolean; timeout: string; listen: string }) => {
      const progress = progressReporter();
      const log = createLogger({ stream: process.stderr });
      const quiet = createLogger({ stream: { write: () => true } as unknown as NodeJS.WritableStream });
      const demo = await startDemo(progress, quiet, opts.listen);
      progress.done('test bed up, example repository loaded, controller running');
      if (demo.dashboard)
        process.stdout.write(`Dashboard: ${demo.dashboard.url} (token: ${demo.dashboard.token})\n`);
      const deadline = Date.now() + Number(opts.timeout) * 1000;
      let last = '';
      let states = await appStates(demo.home, demo.apps);
      while (!converged(states)) {
        const line = states.map((s) => `${s.name} ${s.sync}/${s.health}`).join(', ');
        if (line !== last) process.stdout.write(`  ${line}\n`);
        last = line;
        if (Date.now() > deadline) {
          process.stdout.write(
            table(
              ['APP', 'SYNC', 'HEALTH', 'REVISION', 'MESSAGE'],
              states.map((s) => [s.name, s.sync, s.health, s.revision, s.message ?? '']),
            ),
          );
          throw new Error(`the example apps did not converge within ${opts.timeout}s`);
        }
        await new Promise((r) => setTimeout(r, 1000));
        states = await appStates(demo.home, demo.apps);
      }
      process.stdout.write(
        `\n${table(
          ['APP', 'SYNC', 'HEALTH', 'REVISION'],
          states.map((s) => [s.name, s.sync, s.health, s.revision]),
        )}`,
      );
      const kc = demo.bed.clusters.dev!.kubeconfig;
      process.stdout.write(
        [
          '',
          'Every example app is Synced and Healthy. Where to look:',
          ...(demo.dashboard ? [`  Dashboard: ${demo.dashboard.url} (token: ${demo.dashboard.token})`] : []),
          `  export KUBECONFIG=${kc}`,
          '  npx ferry app list                 # sync and health of every Application',
          '  npx ferry app get my-app           # resources, conditions, last operation',
          '  npx ferry app history my-app       # deployments; ferry app rollback needs automated sync off',
          `  ${demo.bed.tools.kubectl} -n my-app scale deploy my-app --replicas=1   # self-heal puts it back`,
          '  npx ferry testbed status           # the test bed: git server, registry, chart repository',
          '  npx ferry testbed down             # stop everything',
          '',
        ].join('\n'),
      );
      if (opts.once) {
        await demo.ferry.stop();
        return;
      }
      process.stdout.write(
        `Ferry keeps reconciling the apps in namespace ${demoNamespace}; press Ctrl-C to stop (the test bed keeps running).\n`,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      log.info('stopping the controller');
      await demo.ferry.stop();
    });
}
