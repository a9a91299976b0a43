/**
 * A real kube-apiserver on loopback with TLS, started the way envtest starts it:
 * static admin token (system:masters), RBAC, a service account signing key, and a
 * serving certificate the apiserver makes for itself in its --cert-dir.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from './process.js';
import { freePort } from './ports.js';
import { isOk } from './probe.js';
import { toolPath } from './tools.js';
import { writeControlPlaneSecrets } from './pki.js';

export interface ApiServer {
  url: string;
  caPem: string;
  adminToken: string;
  serviceAccountKeyFile: string;
  process: ManagedProcess;
}

export async function startApiServer(dir: string, name: string, etcdUrl: string): Promise<ApiServer> {
  const secrets = writeControlPlaneSecrets(dir);
  const certDir = join(dir, 'apiserver-certs');
  mkdirSync(certDir, { recursive: true });
  const port = await freePort();
  const url = `https://127.0.0.1:${port}`;
  const proc = new ManagedProcess({
    name: `kube-apiserver (${name})`,
    command: toolPath('kube-apiserver'),
    args: [
      `--etcd-servers=${etcdUrl}`,
      `--cert-dir=${certDir}`,
      `--secure-port=${port}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      '--service-cluster-ip-range=10.96.0.0/16',
      '--allow-privileged=true',
      '--authorization-mode=RBAC',
      `--token-auth-file=${secrets.tokenAuthFile}`,
      `--service-account-issuer=${url}/`,
      `--service-account-key-file=${secrets.serviceAccountKeyFile}`,
      `--service-account-signing-key-file=${secrets.serviceAccountKeyFile}`,
      '--enable-priority-and-fairness=false',
      // kwok's nodes answer pods/log on their InternalIP (127.0.0.1); their Hostname does not resolve.
      '--kubelet-preferred-address-types=InternalIP,Hostname',
      '--v=0',
    ],
    logFile: join(dir, 'kube-apiserver.log'),
  });
  const certFile = join(certDir, 'apiserver.crt');
  const ca = (): string => readFileSync(certFile, 'utf8');
  await proc.waitUntil(
    () => isOk(`${url}/readyz`, { ca: ca(), token: secrets.adminToken }),
    120_000,
    'ready',
  );
  return {
    url,
    caPem: ca(),
    adminToken: secrets.adminToken,
    serviceAccountKeyFile: secrets.serviceAccountKeyFile,
    process: proc,
  };
}
