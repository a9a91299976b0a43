/**
 * Helpers for the Sealed Secrets integration tests: Ferry with its SealedSecret controller on a
 * test-bed cluster, the real kubeseal and the built ferry CLI with stdin, waits on Secrets and
 * conditions, a log that is checked for leaked values, and publishing Ferry's HTTP server as
 * kube-system/sealed-secrets-controller so kubeseal reaches it through the service proxy.
 */
import { networkInterfaces } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { SealedSecret, SecretObject } from '../../src/api/bitnami/index.js';
import { Cluster } from '../../src/kube/cluster.js';
import type { KubeObject } from '../../src/kube/object.js';
import { startFerry, type RunningFerry } from '../../src/controllers/manager.js';
import { createLogger } from '../../src/util/log.js';
import { run, type RunResult } from '../../src/util/exec.js';
import type { Testbed } from '../../src/testbed/testbed.js';
import { cliPath } from '../support/cli.js';
import { eventually } from '../support/kube.js';

/** Everything Ferry logged, so tests can check no value leaked into it. */
export class CapturedLog {
  text = '';
  readonly stream = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      this.text += chunk.toString();
      if (process.env.FERRY_TEST_LOG) process.stderr.write(chunk);
      done();
    },
  });
}

export interface SealingFerry {
  ferry: RunningFerry;
  home: Cluster;
  log: CapturedLog;
  kubeconfig: string;
}

export async function startSealingFerry(
  bed: Testbed,
  clusterName: string,
  listen?: string,
): Promise<SealingFerry> {
  const kubeconfig = bed.clusters[clusterName]!.kubeconfig;
  const home = await Cluster.fromFile(clusterName, kubeconfig);
  const log = new CapturedLog();
  const ferry = await startFerry({
    home,
    namespace: 'argocd',
    log: createLogger({ debug: true, stream: log.stream }),
    cacheDir: mkdtempSync(join(tmpdir(), 'ferry-cache-')),
    sealedSecrets: {},
    listen,
  });
  return { ferry, home, log, kubeconfig };
}

export function secretManifest(
  name: string,
  namespace: string,
  values: Record<string, string>,
  annotations?: Record<string, string>,
): SecretObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
    type: 'Opaque',
    stringData: values,
  };
}

export async function ensureNamespace(home: Cluster, name: string): Promise<void> {
  await home.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

export const ssRef = (namespace: string, name: string) => ({
  apiVersion: 'bitnami.com/v1alpha1',
  kind: 'SealedSecret',
  namespace,
  name,
});
export const secretRef = (namespace: string, name: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  namespace,
  name,
});

/** The Secret's values, decoded, once it exists and `done` holds for them. */
export async function waitForSecret(
  home: Cluster,
  namespace: string,
  name: string,
  done: (values: Record<string, string>) => boolean = () => true,
): Promise<SecretObject> {
  return (await eventually(
    () => home.get(secretRef(namespace, name)),
    (s) => s !== undefined && done(decoded(s as SecretObject)),
    { timeoutMs: 30_000 },
  )) as SecretObject;
}

export function decoded(secret: SecretObject): Record<string, string> {
  return Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
  );
}

export type Synced = NonNullable<NonNullable<SealedSecret['status']>['conditions']>[number];

/** The Synced condition once `done` holds for it. */
export async function waitForSynced(
  home: Cluster,
  namespace: string,
  name: string,
  done: (c: Synced) => boolean,
): Promise<Synced> {
  const ss = (await eventually(
    () => home.get(ssRef(namespace, name)),
    (s) => {
      const c = (s as SealedSecret | undefined)?.status?.conditions?.find((x) => x.type === 'Synced');
      return c !== undefined && done(c);
    },
    { timeoutMs: 30_000 },
  )) as SealedSecret;
  return ss.status!.conditions!.find((x) => x.type === 'Synced')!;
}

export async function eventsOf(
  home: Cluster,
  namespace: string,
  name: string,
): Promise<Array<{ type: string; reason: string; message: string }>> {
  const events = await home.list('v1', 'Event', { namespace });
  return events
    .filter(
      (e) =>
        (e.involvedObject as { name?: string; kind?: string }).name === name &&
        (e.involvedObject as { kind?: string }).kind === 'SealedSecret',
    )
    .map((e) => e as unknown as { type: string; reason: string; message: string });
}

/** The real kubeseal against a cluster; rejects with its stderr on failure. */
export function kubeseal(bed: Testbed, kubeconfig: string, args: string[], input = ''): Promise<RunResult> {
  return run(bed.tools.kubeseal, args, { input, env: { ...process.env, KUBECONFIG: kubeconfig } });
}

/** The built ferry CLI, with stdin. */
export function ferryCli(args: string[], input = '', env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run(process.execPath, [cliPath, ...args], { input, env: { ...process.env, ...env } });
}

/** An IPv4 address of this machine the API server may proxy to (not loopback or link-local). */
export function proxyableAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.'))
    ?.address;
}

/**
 * Publishes Ferry's HTTP server as the Service kube-system/sealed-secrets-controller, the way
 * kubeseal finds the real controller. The API server's service proxy only forwards to pod IPs,
 * so a placeholder Pod (never scheduled; the bed has no nodes) carries the address in its status.
 */
export async function exposeAsController(home: Cluster, ip: string, port: number): Promise<void> {
  const namespace = 'kube-system';
  const name = 'sealed-secrets-controller';
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace },
      spec: {
        serviceAccountName: name,
        automountServiceAccountToken: false,
        containers: [{ name: 'ferry', image: 'ferry' }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
      spec: { ports: [{ name: 'http', port: 8080, targetPort: port }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace },
      subsets: [
        { addresses: [{ ip, targetRef: { kind: 'Pod', name, namespace } }], ports: [{ name: 'http', port }] },
      ],
    },
  ];
  for (const obj of objects) await home.apply(obj);
  await home.mergePatch(
    { apiVersion: 'v1', kind: 'Pod', namespace, name },
    { status: { podIP: ip, podIPs: [{ ip }] } },
    'status',
  );
}
