/**
 * Flux's source-controller and helm-controller run out of cluster against the bed's
 * apiserver, with leader election off and the
 * same concurrency as Ferry's workers (KUBECONFIG: controller-runtime's own lookup). source-controller serves chart artifacts on a
 * loopback port that helm-controller downloads from.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { ManagedProcess } from '../../src/testbed/process.js';
import { freePorts } from '../../src/testbed/ports.js';
import { readUsage, sumUsage, type ProcUsage } from '../util/proc.js';
import type { FluxBinary } from './build.js';
import { registerStop } from '../util/cleanup.js';

export interface RunningFlux {
  usage(): ProcUsage;
  stop(): Promise<void>;
}

export async function startFlux(
  binaries: { source: FluxBinary; helm: FluxBinary },
  options: { kubeconfig: string; dir: string; concurrent: number; namespace: string },
): Promise<RunningFlux> {
  const [storage = 0, m1 = 0, h1 = 0, m2 = 0, h2 = 0] = await freePorts(5);
  const storagePath = join(options.dir, 'flux-storage');
  mkdirSync(storagePath, { recursive: true });
  // Only the peer's own namespace: objects other contenders left (even suspended ones)
  // would otherwise take helm-controller's workers.
  const env = { ...process.env, KUBECONFIG: options.kubeconfig, RUNTIME_NAMESPACE: options.namespace };
  const common = (metrics: number, health: number): string[] => [
    '--enable-leader-election=false',
    `--metrics-addr=127.0.0.1:${metrics}`,
    `--health-addr=127.0.0.1:${health}`,
    `--concurrent=${options.concurrent}`,
    '--log-level=error',
    '--watch-all-namespaces=false',
  ];
  const source = new ManagedProcess({
    name: 'flux source-controller',
    command: binaries.source.binary,
    args: [
      ...common(m1, h1),
      `--storage-path=${storagePath}`,
      `--storage-addr=127.0.0.1:${storage}`,
      `--storage-adv-addr=127.0.0.1:${storage}`,
    ],
    logFile: join(options.dir, 'flux-source-controller.log'),
    env,
  });
  const helm = new ManagedProcess({
    name: 'flux helm-controller',
    command: binaries.helm.binary,
    args: common(m2, h2),
    logFile: join(options.dir, 'flux-helm-controller.log'),
    env,
  });
  const stop = async (): Promise<void> => {
    await helm.stop();
    await source.stop();
  };
  const unregister = registerStop(stop);
  return {
    usage: () => sumUsage([readUsage(source.pid ?? -1), readUsage(helm.pid ?? -1)]),
    stop: async () => {
      await stop();
      unregister();
    },
  };
}
