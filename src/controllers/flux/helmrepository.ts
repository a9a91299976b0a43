/**
 * HelmRepository (source.toolkit.fluxcd.io/v1).
 * - `type: default`: fetches `<url>/index.yaml` every interval (with the secretRef's basic
 *   auth); the artifact is the index, its revision the index digest (`sha256:…`).
 * - `type: oci`: as in Flux, no index and no artifact; the repository is Ready and charts
 *   are resolved per HelmChart straight from the registry (see helmchart.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SOURCE_API_VERSION, validateHelmRepository, type HelmRepository } from '../../api/flux/index.js';
import type { LocalArtifact } from './artifacts.js';
import type { ReconcileOutcome } from './kind-controller.js';
import { basicCredentials, readSecret, type BasicCredentials } from './secrets.js';
import {
  intervalMs,
  reconcileSource,
  SourceFetchError,
  type FetchResult,
  type SourceDeps,
  type SourceKindHandler,
} from './source-reconcile.js';

export interface HelmRepositoryDeps extends SourceDeps {
  artifactRoot: string;
  onNewArtifact?: (repo: HelmRepository) => void;
}

/** The credentials a HelmRepository's secretRef holds, for the registry or index host. */
export async function helmRepositoryCredentials(
  deps: Pick<SourceDeps, 'home'>,
  repo: HelmRepository,
): Promise<BasicCredentials | undefined> {
  const name = repo.spec.secretRef?.name;
  if (!name) return undefined;
  const host = new URL(repo.spec.url.replace(/^oci:/, 'http:')).host;
  const data = await readSecret(deps.home, repo.metadata.namespace ?? 'default', name);
  return basicCredentials(data, host, name);
}

async function fetchIndex(
  url: string,
  creds: BasicCredentials | undefined,
  timeoutMs: number,
): Promise<Buffer> {
  const headers: Record<string, string> = {};
  if (creds?.username) {
    headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password ?? ''}`).toString('base64')}`;
  }
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const cause =
      (err as Error).cause instanceof Error
        ? ((err as Error).cause as Error).message
        : (err as Error).message;
    throw new SourceFetchError('IndexationFailed', `failed to fetch Helm repository index: ${url}: ${cause}`);
  }
  if (res.status === 401 || res.status === 403) {
    throw new SourceFetchError(
      'AuthenticationFailed',
      `failed to fetch Helm repository index: ${url}: ${res.status} ${res.statusText}`,
    );
  }
  if (!res.ok)
    throw new SourceFetchError(
      'IndexationFailed',
      `failed to fetch Helm repository index: ${url}: ${res.status} ${res.statusText}`,
    );
  return Buffer.from(await res.arrayBuffer());
}

function storeIndex(root: string, body: Buffer): LocalArtifact {
  const hex = createHash('sha256').update(body).digest('hex');
  const dir = join(root, 'helmrepository', hex);
  if (!existsSync(dir)) {
    mkdirSync(join(root, 'helmrepository'), { recursive: true });
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    mkdirSync(tmp);
    writeFileSync(join(tmp, 'index.yaml'), body);
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return { dir, revision: `sha256:${hex}`, digest: `sha256:${hex}` };
}

export function helmRepositoryHandler(deps: HelmRepositoryDeps): SourceKindHandler<HelmRepository> {
  return {
    apiVersion: SOURCE_API_VERSION,
    kind: 'HelmRepository',
    failureReason: 'IndexationFailed',
    validate: (obj) => validateHelmRepository(obj).errors,
    onNewArtifact: (repo) => deps.onNewArtifact?.(repo),
    async fetch(repo): Promise<FetchResult> {
      if (repo.spec.type === 'oci') return { message: 'Helm repository is Ready' };
      const creds = await helmRepositoryCredentials(deps, repo).catch((err: Error) => {
        throw new SourceFetchError('AuthenticationFailed', err.message);
      });
      const url = `${repo.spec.url.replace(/\/$/, '')}/index.yaml`;
      const body = await fetchIndex(url, creds, intervalMs(repo.spec.timeout, 60_000));
      const index = parse(body.toString()) as { entries?: unknown } | null;
      if (!index?.entries)
        throw new SourceFetchError('IndexationFailed', `${url} is not a Helm repository index`);
      const artifact = storeIndex(deps.artifactRoot, body);
      return {
        artifact,
        message: `stored artifact: revision '${artifact.revision}'`,
        status: { url },
      };
    },
  };
}

export function reconcileHelmRepository(
  deps: HelmRepositoryDeps,
  handler: SourceKindHandler<HelmRepository>,
  namespace: string,
  name: string,
): Promise<ReconcileOutcome> {
  return reconcileSource(deps, handler, { namespace, name });
}
