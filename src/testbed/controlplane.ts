/**
 * One Kubernetes control plane of the test bed: etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler and kwok (simulated nodes, so Deployments
 * really create Pods and become Available). Several run side by side on their own ports.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEtcd } from './etcd.js';
import { startApiServer } from './apiserver.js';
import { writeKubeconfig } from './kubeconfig.js';
import { ManagedProcess } from './process.js';
import { freePort } from './ports.js';
import { kwokStagesPath, toolPath } from './tools.js';
import { createFakeNodes } from './nodes.js';
import { versions } from './versions.js';

export interface ControlPlaneInfo {
  name: string;
  /** The admin kubeconfig (static token, system:masters). */
  kubeconfig: string;
  server: string;
  caPem: string;
  token: string;
  version: string;
  dir: string;
}

export interface ControlPlane extends ControlPlaneInfo {
  /** Stops every process of this control plane; its data stays in `dir`. */
  stop(): Promise<void>;
}

export interface ControlPlaneOptions {
  /** Simulated nodes (kwok) and the controllers that turn Deployments into Pods. Default true. */
  nodes?: boolean;
  nodeCount?: number;
}

export async function startControlPlane(
  parentDir: string,
  name: string,
  options: ControlPlaneOptions = {},
): Promise<ControlPlane> {
  const dir = join(parentDir, `cluster-${name}`);
  mkdirSync(dir, { recursive: true });
  const processes: ManagedProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const p of [...processes].reverse()) await p.stop();
  };
  try {
    const etcd = await startEtcd(dir, name);
    processes.push(etcd.process);
    const api = await startApiServer(dir, name, etcd.url);
    processes.push(api.process);
    const kubeconfig = join(dir, 'kubeconfig');
    writeKubeconfig({ path: kubeconfig, name, server: api.url, caPem: api.caPem, token: api.adminToken });
    if (options.nodes ?? true) {
      processes.push(...(await startNodeSimulation(dir, name, kubeconfig, api.serviceAccountKeyFile)));
      await createFakeNodes(kubeconfig, options.nodeCount ?? 2);
    }
    return {
      name,
      kubeconfig,
      server: api.url,
      caPem: api.caPem,
      token: api.adminToken,
      version: versions.kubernetes,
      dir,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function startNodeSimulation(
  dir: string,
  name: string,
  kubeconfig: string,
  saKeyFile: string,
): Promise<ManagedProcess[]> {
  const caFile = join(dir, 'apiserver-certs', 'apiserver.crt');
  const [kcmPort, schedPort, kwokPort] = [await freePort(), await freePort(), await freePort()];
  const common = { env: process.env };
  const kcm = new ManagedProcess({
    ...common,
    name: `kube-controller-manager (${name})`,
    command: toolPath('kube-controller-manager'),
    args: [
      `--kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${kcmPort}`,
      `--root-ca-file=${caFile}`,
      `--service-account-private-key-file=${saKeyFile}`,
      '--use-service-account-credentials=false',
      '--controllers=*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-node-route-controller',
    ],
    logFile: join(dir, 'kube-controller-manager.log'),
  });
  const scheduler = new ManagedProcess({
    ...common,
    name: `kube-scheduler (${name})`,
    command: toolPath('kube-scheduler'),
    args: [
      `--kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${schedPort}`,
    ],
    logFile: join(dir, 'kube-scheduler.log'),
  });
  const kwok = new ManagedProcess({
    ...common,
    name: `kwok (${name})`,
    command: toolPath('kwok'),
    args: [
      `--kubeconfig=${kubeconfig}`,
      `--config=${kwokStagesPath()}`,
      '--manage-all-nodes=true',
      `--server-address=127.0.0.1:${kwokPort}`,
      '--cidr=10.0.0.0/16',
      '--node-ip=10.0.0.1',
    ],
    logFile: join(dir, 'kwok.log'),
  });
  return [kcm, scheduler, kwok];
}
