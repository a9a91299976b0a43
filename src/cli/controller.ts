/** `ferry controller` and `ferry install`: run the reconcilers against a cluster. */
import type { Command } from 'commander';
import { addKubeOptions, homeCluster, type KubeOptions } from './kube.js';
import { createLogger } from '../util/log.js';
import { startFerry } from '../controllers/manager.js';
import { ensureNamespace, installCrds } from '../controllers/install.js';
import { parseDuration } from '../sync/plan/index.js';
import { ensureInitialToken } from '../server/api/tokens.js';

interface ControllerOptions extends KubeOptions {
  listen: string | false;
  workers: string;
  resync: string;
  debug?: boolean;
  sealedSecrets: boolean;
  sealedSecretsNamespace: string;
  keyRenewPeriod: string;
}

/** The SealedSecret controller's settings, or undefined when it is switched off. */
function sealedSecretsOption(
  opts: ControllerOptions,
): { namespace: string; keyRenewalMs: number } | undefined {
  if (!opts.sealedSecrets) return undefined;
  return { namespace: opts.sealedSecretsNamespace, keyRenewalMs: parseDuration(opts.keyRenewPeriod) };
}

export function registerControllerCommands(program: Command): void {
  addKubeOptions(
    program
      .command('controller')
      .description('reconcile Argo CD Applications (and, as they land, Flux resources) in the cluster')
      .option('--workers <n>', 'concurrent reconciles', '4')
      .option(
        '--resync <duration>',
        'periodic refresh of every app (Argo CD: timeout.reconciliation)',
        '180s',
      )
      .option(
        '--listen <host:port>',
        'serve /healthz, /api/webhook, the API, /metrics and the dashboard here',
        '127.0.0.1:8080',
      )
      .option('--no-listen', 'no HTTP server')
      .option('--no-sealed-secrets', 'do not run the SealedSecret controller')
      .option(
        '--sealed-secrets-namespace <ns>',
        'where the sealing keys live (as the real controller)',
        'kube-system',
      )
      .option('--key-renew-period <duration>', 'new sealing key this often (0 = never)', '720h')
      .option('--debug', 'log every reconcile'),
  ).action(async (opts: ControllerOptions) => {
    const log = createLogger({ debug: opts.debug });
    const home = await homeCluster(opts);
    const ferry = await startFerry({
      home,
      namespace: opts.namespace ?? 'argocd',
      workers: Number(opts.workers),
      resyncMs: parseDuration(opts.resync),
      log,
      listen: opts.listen || undefined,
      sealedSecrets: sealedSecretsOption(opts),
    });
    log.info('ferry controller started', {
      server: home.server,
      namespace: opts.namespace,
      http: ferry.server?.url,
    });
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    log.info('stopping');
    // In-flight reconciles (a helm --wait, a health wait) can outlast a pod's grace period:
    // give them a bounded time, and let a second signal end the process at once.
    const forceExit = (): never => process.exit(1);
    process.once('SIGINT', forceExit);
    process.once('SIGTERM', forceExit);
    const stopped = await settlesWithin(ferry.stop(), STOP_GRACE_MS);
    if (!stopped) log.warn('in-flight work did not finish; exiting anyway', { graceMs: STOP_GRACE_MS });
    process.exit(0);
  });

  addKubeOptions(
    program.command('install').description('install the CRDs Ferry reads and its namespace'),
  ).action(async (opts: KubeOptions) => {
    const home = await homeCluster(opts);
    await ensureNamespace(home, opts.namespace ?? 'argocd');
    await installCrds(home);
    process.stdout.write(`installed CRDs and namespace ${opts.namespace ?? 'argocd'} on ${home.server}\n`);
    const token = await ensureInitialToken(home, opts.namespace ?? 'argocd');
    if (token) process.stdout.write(`API admin token (shown once, keep it): ${token}\n`);
  });
}

const STOP_GRACE_MS = 10_000;

/** Whether `work` settles (either way) within `ms`. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
