/** A real etcd 3.6 on loopback, one per control plane, data in the bed's folder. */
import { join } from 'node:path';
import { ManagedProcess } from './process.js';
import { freePorts } from './ports.js';
import { isOk } from './probe.js';
import { toolPath } from './tools.js';

export interface Etcd {
  url: string;
  process: ManagedProcess;
}

export async function startEtcd(dir: string, name: string): Promise<Etcd> {
  const [clientPort, peerPort] = await freePorts(2);
  const url = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const proc = new ManagedProcess({
    name: `etcd (${name})`,
    command: toolPath('etcd'),
    args: [
      `--name=${name}`,
      `--data-dir=${join(dir, 'etcd-data')}`,
      `--listen-client-urls=${url}`,
      `--advertise-client-urls=${url}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=${name}=${peer}`,
      '--unsafe-no-fsync=true',
      '--log-level=warn',
    ],
    logFile: join(dir, 'etcd.log'),
  });
  await proc.waitUntil(() => isOk(`${url}/health`), 60_000, 'healthy');
  return { url, process: proc };
}
