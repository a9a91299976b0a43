/**
 * One Kubernetes control plane of the test bed: etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler and kwok (simulated nodes, so Deployments
 * really create Pods and become Available). Several run side by side on their own ports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEtcd } from './etcd.js';
import { startApiServer } from './apiserver.js';
import { writeKubeconfig } from './kubeconfig.js';
import { ManagedProcess } from './process.js';
import { freePort } from './ports.js';
import { isOk } from './probe.js';
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
  /** Starts the stopped processes again on the same ports, data and credentials; resolves when the API is ready. */
  restart(): Promise<void>;
}

export interface ControlPlaneOptions {
  /** Simulated nodes (kwok) and the controllers that turn Deployments into Pods. Default true. */
  nodes?: boolean;
  nodeCount?: number;
  /**
   * With `nodes: false`, still run kube-controller-manager (garbage collection, so
   * foreground deletes finish; service account tokens). Default false.
   */
  controllers?: boolean;
}

export async function startControlPlane(
  parentDir: string,
  name: string,
  options: ControlPlaneOptions = {},
): Promise<ControlPlane> {
  const dir = join(parentDir, `cluster-${name}`);
  mkdirSync(dir, { recursive: true });
  const processes: ManagedProcess[] = [];
  /** Readiness checks by index in `processes` (etcd and kube-apiserver), for restart. */
  const readiness = new Map<number, () => Promise<boolean>>();
  const stop = async (): Promise<void> => {
    for (const p of [...processes].reverse()) await p.stop();
  };
  const restart = async (): Promise<void> => {
    for (const [i, p] of processes.entries()) {
      if (p.running) continue;
      const next = new ManagedProcess(p.options);
      processes[i] = next;
      const ready = readiness.get(i);
      if (ready) await next.waitUntil(ready, 120_000, 'ready again');
    }
  };
  try {
    const etcd = await startEtcd(dir, name);
    processes.push(etcd.process);
    readiness.set(0, () => isOk(`${etcd.url}/health`));
    const api = await startApiServer(dir, name, etcd.url);
    processes.push(api.process);
    readiness.set(1, () => isOk(`${api.url}/readyz`, { ca: api.caPem, token: api.adminToken }));
    const kubeconfig = join(dir, 'kubeconfig');
    writeKubeconfig({ path: kubeconfig, name, server: api.url, caPem: api.caPem, token: api.adminToken });
    if (options.nodes ?? true) {
      processes.push(...(await startNodeSimulation(dir, name, kubeconfig, api.serviceAccountKeyFile)));
      await createFakeNodes(kubeconfig, options.nodeCount ?? 2);
    } else if (options.controllers) {
      processes.push(await controllerManager(dir, name, kubeconfig, api.serviceAccountKeyFile));
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
      restart,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function controllerManager(
  dir: string,
  name: string,
  kubeconfig: string,
  saKeyFile: string,
): Promise<ManagedProcess> {
  const caFile = join(dir, 'apiserver-certs', 'apiserver.crt');
  return new ManagedProcess({
    env: process.env,
    name: `kube-controller-manager (${name})`,
    command: toolPath('kube-controller-manager'),
    args: [
      `--kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${await freePort()}`,
      `--root-ca-file=${caFile}`,
      `--service-account-private-key-file=${saKeyFile}`,
      '--use-service-account-credentials=false',
      '--controllers=*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-node-route-controller',
      // The defaults (20 QPS, 5 concurrent syncs) make the bed's rollout of hundreds of
      // Deployments take minutes whoever applied them; a real control plane is tuned up too.
      '--kube-api-qps=200',
      '--kube-api-burst=400',
      '--concurrent-deployment-syncs=20',
      '--concurrent-replicaset-syncs=20',
    ],
    logFile: join(dir, 'kube-controller-manager.log'),
  });
}

/** The file every simulated container's log is read from (CRI log format); tests append lines to it. */
export const podLogFile = (dir: string): string => join(dir, 'pod-logs', 'containers.log');

/** A kwok ClusterLogs rule serving `podLogFile` as the log of every container of every pod. */
function writePodLogsConfig(dir: string): string {
  mkdirSync(join(dir, 'pod-logs'), { recursive: true });
  writeFileSync(podLogFile(dir), `${new Date().toISOString()} stdout F kwok: simulated container started\n`);
  const config = join(dir, 'kwok-logs.yaml');
  writeFileSync(
    config,
    [
      'apiVersion: kwok.x-k8s.io/v1alpha1',
      'kind: ClusterLogs',
      'metadata:',
      '  name: testbed-pod-logs',
      'spec:',
      '  logs:',
      `    - logsFile: ${JSON.stringify(podLogFile(dir))}`,
      '',
    ].join('\n'),
  );
  return config;
}

async function startNodeSimulation(
  dir: string,
  name: string,
  kubeconfig: string,
  saKeyFile: string,
): Promise<ManagedProcess[]> {
  const [schedPort, kwokPort] = [await freePort(), await freePort()];
  const common = { env: process.env };
  const kcm = await controllerManager(dir, name, kubeconfig, saKeyFile);
  const scheduler = new ManagedProcess({
    ...common,
    name: `kube-scheduler (${name})`,
    command: toolPath('kube-scheduler'),
    args: [
      `--kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${schedPort}`,
      '--kube-api-qps=200',
      '--kube-api-burst=400',
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
      `--config=${writePodLogsConfig(dir)}`,
      '--manage-all-nodes=true',
      // Without a lease the node lifecycle controller marks nodes NotReady after ~40 s.
      '--node-lease-duration-seconds=40',
      // kwok answers the kubelet's pods/log on this port, over TLS with the apiserver's own
      // self-signed certificate (the apiserver does not verify kubelets without
      // --kubelet-certificate-authority); the nodes advertise it as their kubelet endpoint.
      `--server-address=127.0.0.1:${kwokPort}`,
      `--node-port=${kwokPort}`,
      `--tls-cert-file=${join(dir, 'apiserver-certs', 'apiserver.crt')}`,
      `--tls-private-key-file=${join(dir, 'apiserver-certs', 'apiserver.key')}`,
      '--cidr=10.0.0.0/16',
      '--node-ip=127.0.0.1',
    ],
    logFile: join(dir, 'kwok.log'),
  });
  return [kcm, scheduler, kwok];
}
