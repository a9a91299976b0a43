/**
 * The Helm chart source: one call that turns (repository, chart, version or range,
 * credentials) into an extracted chart folder, from HTTP repositories or OCI registries.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../util/exec.js';
import { cacheDir as defaultCacheDir } from '../../util/paths.js';
import { HttpChartRepository } from './http-repo.js';
import { OciChartRepository } from './oci-repo.js';
import type { FetchedChart, HelmCredentials } from './types.js';

export interface ChartRequest {
  repoURL: string;
  chart: string;
  /** Exact version or semver range; '' or '*' means the newest release. */
  version: string;
  credentials?: HelmCredentials;
  /** Argo CD's enableOCI for repository URLs written without the oci:// scheme. */
  oci?: boolean;
  /** Bypass the index TTL (hard refresh). */
  force?: boolean;
}

export class HelmChartSource {
  private readonly http: HttpChartRepository;
  private readonly oci: OciChartRepository;
  private readonly dir: string;

  constructor(options: { cacheDir?: string; indexTtlMs?: number } = {}) {
    this.dir = options.cacheDir ?? join(defaultCacheDir(), 'charts');
    this.http = new HttpChartRepository(this.dir, options.indexTtlMs);
    this.oci = new OciChartRepository(this.dir);
  }

  static isOci(req: Pick<ChartRequest, 'repoURL' | 'oci'>): boolean {
    return req.repoURL.startsWith('oci://') || Boolean(req.oci);
  }

  /** The exact version a request resolves to (cheap: a cached index or one registry call). */
  async resolveVersion(req: ChartRequest): Promise<string> {
    if (HelmChartSource.isOci(req))
      return this.oci.resolve(req.repoURL, req.chart, req.version, req.credentials);
    return (await this.http.resolve(req)).version;
  }

  async fetch(req: ChartRequest): Promise<FetchedChart> {
    if (HelmChartSource.isOci(req)) {
      const version = await this.oci.resolve(req.repoURL, req.chart, req.version, req.credentials);
      const { dir, digest } = await this.oci.pull(req.repoURL, req.chart, version, req.credentials);
      return { repoURL: req.repoURL, chart: req.chart, version, digest, dir: join(dir, req.chart) };
    }
    const entry = await this.http.resolve(req);
    const archive = await this.http.download(req.repoURL, entry, req.credentials);
    const dir = await this.extract(archive.archive, archive.digest);
    return {
      repoURL: req.repoURL,
      chart: req.chart,
      version: entry.version,
      digest: archive.digest,
      dir: join(dir, req.chart),
    };
  }

  private async extract(archive: string, digest: string): Promise<string> {
    const dir = join(this.dir, 'extracted', digest);
    if (existsSync(dir)) return dir;
    mkdirSync(join(this.dir, 'extracted'), { recursive: true });
    const tmp = mkdtempSync(`${dir}.tmp-`);
    try {
      await run('tar', ['-xzf', archive, '-C', tmp]);
      renameSync(tmp, dir);
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(dir)) throw err;
    }
    return dir;
  }
}
