/**
 * Starts Ferry in a process: installs the CRDs, builds the engine once, and runs
 * every controller on it. The only place that wires controllers together.
 */
import type { Cluster } from '../kube/cluster.js';
import type { Logger } from '../util/log.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { ClusterRegistry } from './clusters.js';
import { HealthCheckConfig } from './health-config.js';
import { ensureNamespace, installCrds } from './install.js';
import { ApplicationController } from './application/controller.js';
import { startServer, type RunningServer } from '../server/server.js';
import { SealedSecretController } from './sealedsecret/controller.js';

export interface FerryOptions {
  home: Cluster;
  namespace: string;
  log: Logger;
  workers?: number;
  resyncMs?: number;
  cacheDir?: string;
  /** host:port for the HTTP server (health, webhooks); no server when undefined. */
  listen?: string;
  /** Run the SealedSecret controller (keys in `namespace`, default kube-system). */
  sealedSecrets?: { namespace?: string; keyRenewalMs?: number };
}

export interface RunningFerry {
  engine: Engine;
  applications: ApplicationController;
  server?: RunningServer;
  sealedSecrets?: SealedSecretController;
  stop(): Promise<void>;
}

export async function startFerry(options: FerryOptions): Promise<RunningFerry> {
  const { home, namespace, log } = options;
  await ensureNamespace(home, namespace);
  await installCrds(home);
  const engine = createEngine(home, namespace, { cacheDir: options.cacheDir });
  const clusters = new ClusterRegistry(home, namespace);
  const health = new HealthCheckConfig(home, namespace, log);
  const applications = new ApplicationController({
    home,
    namespace,
    clusters,
    manifests: engine.manifests,
    healthChecks: () => health.checks(),
    log,
    workers: options.workers,
    resyncMs: options.resyncMs,
  });
  applications.start();
  const sealedSecrets = options.sealedSecrets
    ? new SealedSecretController({ home, log, ...options.sealedSecrets })
    : undefined;
  await sealedSecrets?.start();
  const server = options.listen
    ? await startServer({
        listen: options.listen,
        home,
        namespace,
        log,
        refresh: (name) => applications.refresh(name),
        sealedSecrets,
      })
    : undefined;
  return {
    engine,
    applications,
    server,
    sealedSecrets,
    stop: async () => {
      await server?.close();
      await sealedSecrets?.stop();
      await applications.stop();
    },
  };
}
