/**
 * Reading Helm's own release storage: the Secrets `sh.helm.release.v1.<name>.v<N>` (labels
 * owner=helm, name, status, version) whose `release` key holds base64(gzip(JSON)). Ferry
 * reads them to decide (state.ts) and to record snapshots; all changes go through the real
 * helm binary, except `unlock`, which marks a release stuck in a pending state as failed,
 * exactly as helm-controller's unlock action does through Helm's storage driver.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { TestHookStatus } from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import type { KubeObject } from '../../../kube/object.js';
import { stableJson } from '../../../render/cache.js';
import { valuesDigest } from './values.js';

export type HelmStatus =
  | 'unknown'
  | 'deployed'
  | 'uninstalled'
  | 'superseded'
  | 'failed'
  | 'uninstalling'
  | 'pending-install'
  | 'pending-upgrade'
  | 'pending-rollback';

interface HelmHook {
  name?: string;
  events?: string[];
  last_run?: { started_at?: string; completed_at?: string; phase?: string };
}

/** The parts of a stored Helm release (helm's release.Release JSON) Ferry uses. */
interface RawRelease {
  name: string;
  namespace: string;
  version: number;
  info?: {
    status?: HelmStatus;
    first_deployed?: string;
    last_deployed?: string;
    deleted?: string;
    description?: string;
  };
  chart?: { metadata?: { name?: string; version?: string; appVersion?: string } };
  config?: Record<string, unknown> | null;
  manifest?: string;
  hooks?: HelmHook[];
}

/** One release revision as Ferry sees it. */
export interface StoredRelease {
  name: string;
  namespace: string;
  version: number;
  status: HelmStatus;
  description: string;
  chartName: string;
  chartVersion: string;
  appVersion?: string;
  configDigest: string;
  /** `sha256:` of the release's identity, status, chart, values and manifest. */
  digest: string;
  firstDeployed: string;
  lastDeployed: string;
  deleted?: string;
  /** Test hooks that have run, by name (empty when the chart has tests that never ran). */
  testHooks: Record<string, TestHookStatus>;
  manifest: string;
  secret: KubeObject;
}

export const isPending = (status: HelmStatus): boolean => status.startsWith('pending-');

export function decodeRelease(secret: KubeObject): RawRelease {
  const data = (secret.data ?? {}) as Record<string, string>;
  const helmEncoded = Buffer.from(data.release ?? '', 'base64').toString('utf8');
  let bytes = Buffer.from(helmEncoded, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  return JSON.parse(bytes.toString('utf8')) as RawRelease;
}

export function encodeRelease(release: RawRelease): string {
  const helmEncoded = gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
  return Buffer.from(helmEncoded).toString('base64');
}

function testHooksOf(hooks: HelmHook[] | undefined): Record<string, TestHookStatus> {
  const out: Record<string, TestHookStatus> = {};
  for (const hook of hooks ?? []) {
    if (!hook.events?.some((e) => e === 'test' || e === 'test-success')) continue;
    const run = hook.last_run;
    if (!run?.phase || run.phase === 'Unknown') continue;
    out[hook.name ?? ''] = { lastStarted: run.started_at, lastCompleted: run.completed_at, phase: run.phase };
  }
  return out;
}

function infoOf(
  raw: RawRelease,
): Pick<StoredRelease, 'status' | 'description' | 'firstDeployed' | 'lastDeployed' | 'deleted'> {
  const info = raw.info ?? {};
  return {
    status: info.status ?? 'unknown',
    description: info.description ?? '',
    firstDeployed: info.first_deployed ?? '',
    lastDeployed: info.last_deployed ?? '',
    deleted: info.deleted || undefined,
  };
}

export function toStoredRelease(secret: KubeObject): StoredRelease {
  const raw = decodeRelease(secret);
  const meta = raw.chart?.metadata ?? {};
  const info = infoOf(raw);
  const configDigest = valuesDigest(raw.config ?? {});
  const manifest = raw.manifest ?? '';
  const identity = {
    name: raw.name,
    namespace: raw.namespace,
    version: raw.version,
    status: info.status,
    chart: meta,
    configDigest,
    manifest,
  };
  return {
    name: raw.name,
    namespace: raw.namespace,
    version: raw.version,
    ...info,
    chartName: meta.name ?? '',
    chartVersion: meta.version ?? '',
    appVersion: meta.appVersion,
    configDigest,
    digest: `sha256:${createHash('sha256').update(stableJson(identity)).digest('hex')}`,
    testHooks: testHooksOf(raw.hooks),
    manifest,
    secret,
  };
}

/** Every stored revision of a release, oldest first. */
export async function listReleases(
  cluster: Cluster,
  namespace: string,
  name: string,
): Promise<StoredRelease[]> {
  const secrets = await cluster.list('v1', 'Secret', { namespace, labelSelector: `owner=helm,name=${name}` });
  return secrets
    .filter((s) => s.type === 'helm.sh/release.v1')
    .map(toStoredRelease)
    .sort((a, b) => a.version - b.version);
}

/** Marks a release stuck in a pending state as failed (helm-controller's unlock). */
export async function unlockRelease(cluster: Cluster, release: StoredRelease): Promise<void> {
  const raw = decodeRelease(release.secret);
  const previous = raw.info?.status ?? 'unknown';
  raw.info = {
    ...raw.info,
    status: 'failed',
    description: `Release unlocked from stale '${previous}' state`,
  };
  const secret = release.secret;
  await cluster.replace({
    ...secret,
    metadata: { ...secret.metadata, labels: { ...secret.metadata.labels, status: 'failed' } },
    data: { ...(secret.data as Record<string, string>), release: encodeRelease(raw) },
  });
}
