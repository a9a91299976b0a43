/**
 * Charts from an HTTP Helm repository: index.yaml (fetched once per TTL and shared by
 * every app that uses the repository), version resolution, and the chart archive
 * downloaded once per digest.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ChartNotFoundError, RepositoryError } from './errors.js';
import { pickVersion } from './version.js';
import type { HelmCredentials } from './types.js';
import { observeSourceRequest } from '../requests.js';

interface IndexEntry {
  version: string;
  urls: string[];
  digest?: string;
}

export interface RepoIndex {
  entries: Record<string, IndexEntry[]>;
  digest: string;
}

/** Which chart to look up; the shape of HelmChartSource's ChartRequest. */
export interface ChartLookup {
  repoURL: string;
  chart: string;
  /** Exact version or semver range. */
  version: string;
  credentials?: HelmCredentials;
  /** Bypass the index TTL. */
  force?: boolean;
}

export interface DownloadedChart {
  version: string;
  digest: string;
  archive: string;
}

function authHeader(creds?: HelmCredentials): Record<string, string> {
  if (!creds?.username) return {};
  return {
    Authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password ?? ''}`).toString('base64')}`,
  };
}

/** A GET of the index (`index`) or a chart archive (`chart`), observed for metrics. */
function get(url: string, operation: 'index' | 'chart', creds?: HelmCredentials): Promise<Buffer> {
  return observeSourceRequest('helm', operation, () => download(url, creds));
}

async function download(url: string, creds?: HelmCredentials): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, { headers: authHeader(creds), signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new RepositoryError(
      `cannot reach ${url}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`,
      { cause: err },
    );
  }
  if (res.status === 401 || res.status === 403) {
    throw new RepositoryError(`${url}: ${res.status} ${res.statusText}: check the repository credentials`);
  }
  if (!res.ok) throw new RepositoryError(`${url}: ${res.status} ${res.statusText}`);
  return Buffer.from(await res.arrayBuffer());
}

export class HttpChartRepository {
  private readonly indexes = new Map<string, { at: number; index: Promise<RepoIndex> }>();

  constructor(
    private readonly cacheDir: string,
    private readonly indexTtlMs = 10_000,
  ) {}

  /** The repository's index; concurrent and recent callers share one download. */
  index(repoURL: string, creds?: HelmCredentials, force = false): Promise<RepoIndex> {
    const cached = this.indexes.get(repoURL);
    if (cached && !force && Date.now() - cached.at < this.indexTtlMs) return cached.index;
    const index = get(`${repoURL.replace(/\/$/, '')}/index.yaml`, 'index', creds).then((body) => {
      const parsed = parse(body.toString()) as { entries?: Record<string, IndexEntry[]> } | null;
      if (!parsed?.entries) throw new RepositoryError(`${repoURL}/index.yaml is not a Helm repository index`);
      return { entries: parsed.entries, digest: createHash('sha256').update(body).digest('hex') };
    });
    this.indexes.set(repoURL, { at: Date.now(), index });
    index.catch(() => this.indexes.delete(repoURL));
    return index;
  }

  /** The index entry for the wanted version: that exact version, else the highest match of a range. */
  async resolve(lookup: ChartLookup): Promise<IndexEntry> {
    const { repoURL, chart, version: wanted, credentials: creds, force = false } = lookup;
    const index = await this.index(repoURL, creds, force);
    const entries = index.entries[chart] ?? [];
    const version = pickVersion(
      entries.map((e) => e.version),
      wanted,
    );
    const entry = entries.find((e) => e.version === version);
    if (!entry)
      throw new ChartNotFoundError(
        repoURL,
        chart,
        wanted,
        entries.map((e) => e.version),
      );
    return entry;
  }

  /** Downloads the chart archive once; verified against the index digest when it has one. */
  async download(repoURL: string, entry: IndexEntry, creds?: HelmCredentials): Promise<DownloadedChart> {
    const url = new URL(entry.urls[0] ?? '', `${repoURL.replace(/\/$/, '')}/`).toString();
    const key = entry.digest ?? createHash('sha256').update(url).digest('hex');
    const archive = join(this.cacheDir, 'archives', `${key}.tgz`);
    if (!existsSync(archive)) {
      // Credentials go only to the repository's own host (Argo CD's passCredentials=false).
      const sameHost = new URL(url).host === new URL(repoURL).host;
      const body = await get(url, 'chart', sameHost ? creds : undefined);
      const digest = createHash('sha256').update(body).digest('hex');
      if (entry.digest && entry.digest !== digest) {
        throw new RepositoryError(
          `chart ${url}: digest ${digest} does not match the index (${entry.digest})`,
        );
      }
      mkdirSync(join(this.cacheDir, 'archives'), { recursive: true });
      // Write aside, then rename: a concurrent download of the same chart must not
      // truncate the archive while another reconcile's tar is reading it.
      const partial = `${archive}.${process.pid}-${Math.random().toString(36).slice(2)}.part`;
      writeFileSync(partial, body);
      renameSync(partial, archive);
    }
    return { version: entry.version, digest: key, archive };
  }
}
