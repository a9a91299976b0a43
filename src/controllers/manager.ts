/**
 * Starts Ferry in a process: installs the CRDs, builds the engine once, and runs
 * every controller on it. The only place that wires controllers together.
 */
import type { Cluster } from '../kube/cluster.js';
import type { Logger } from '../util/log.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { ClusterRegistry } from './clusters.js';
import { ensureNamespace, installCrds } from './install.js';
import { ApplicationController } from './application/controller.js';

export interface FerryOptions {
  home: Cluster;
  namespace: string;
  log: Logger;
  workers?: number;
  resyncMs?: number;
  cacheDir?: string;
}

export interface RunningFerry {
  engine: Engine;
  applications: ApplicationController;
  stop(): Promise<void>;
}

export async function startFerry(options: FerryOptions): Promise<RunningFerry> {
  const { home, namespace, log } = options;
  await ensureNamespace(home, namespace);
  await installCrds(home);
  const engine = createEngine(home, namespace, { cacheDir: options.cacheDir });
  const clusters = new ClusterRegistry(home, namespace);
  const applications = new ApplicationController({
    home,
    namespace,
    clusters,
    manifests: engine.manifests,
    log,
    workers: options.workers,
    resyncMs: options.resyncMs,
  });
  applications.start();
  return {
    engine,
    applications,
    stop: async () => {
      await applications.stop();
    },
  };
}
