/**
 * Charts from an OCI registry, through the real helm (it lists tags, resolves semver
 * ranges and verifies digests). Logins go into a registry config file per
 * credential, with --password-stdin, so passwords never appear on a command line.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runHelm } from '../../tools/binaries.js';
import { CommandError } from '../../util/exec.js';
import { ChartNotFoundError, RepositoryError } from './errors.js';
import type { HelmCredentials } from './types.js';
import { observeSourceRequest } from '../requests.js';

/** `oci://host/path` or Argo CD's `host/path` with enableOCI → `oci://host/path`. */
export function ociBase(repoURL: string): string {
  return repoURL.startsWith('oci://') ? repoURL.replace(/\/$/, '') : `oci://${repoURL.replace(/\/$/, '')}`;
}

export class OciChartRepository {
  private readonly logins = new Map<string, Promise<string>>();

  constructor(private readonly cacheDir: string) {}

  private registryConfig(repoURL: string, creds?: HelmCredentials): Promise<string> {
    const host = new URL(ociBase(repoURL).replace('oci://', 'http://')).host;
    const key = createHash('sha256')
      .update(`${host}\n${creds?.username ?? ''}\n${creds?.password ?? ''}`)
      .digest('hex')
      .slice(0, 16);
    let login = this.logins.get(key);
    if (!login) {
      const file = join(this.cacheDir, 'registry', `${key}.json`);
      mkdirSync(join(this.cacheDir, 'registry'), { recursive: true });
      login = creds?.username
        ? runHelm(
            [
              'registry',
              'login',
              host,
              '--username',
              creds.username,
              '--password-stdin',
              ...(creds.insecure ? ['--insecure'] : []),
            ],
            {
              input: creds.password ?? '',
              env: { HELM_REGISTRY_CONFIG: file },
            },
          ).then(
            () => file,
            (err: unknown) => {
              this.logins.delete(key);
              throw new RepositoryError(`login to ${host} failed: ${helmMessage(err)}`, { cause: err });
            },
          )
        : Promise.resolve(file);
      this.logins.set(key, login);
    }
    return login;
  }

  private async helm(repoURL: string, args: string[], creds?: HelmCredentials): Promise<string> {
    const config = await this.registryConfig(repoURL, creds);
    const flags = creds?.insecure ? ['--plain-http'] : [];
    // `helm show chart` resolves a version, `helm pull` downloads: both talk to the registry.
    const operation = args[0] === 'pull' ? 'pull' : 'resolve';
    const { stdout } = await observeSourceRequest('oci', operation, () =>
      runHelm([...args, ...flags], { env: { HELM_REGISTRY_CONFIG: config } }),
    );
    return stdout;
  }

  /** Resolves a version or range to the exact version the registry has. */
  async resolve(repoURL: string, chart: string, wanted: string, creds?: HelmCredentials): Promise<string> {
    const ref = `${ociBase(repoURL)}/${chart}`;
    try {
      const out = await this.helm(
        repoURL,
        ['show', 'chart', ref, ...(wanted ? ['--version', wanted] : [])],
        creds,
      );
      return (parse(out) as { version: string }).version;
    } catch (err) {
      const message = helmMessage(err);
      if (/not found|no matching|could not locate|manifest unknown|name unknown/i.test(message)) {
        throw new ChartNotFoundError(repoURL, chart, wanted, []);
      }
      throw new RepositoryError(`${ref}: ${message}`, { cause: err });
    }
  }

  /** Pulls and extracts the chart once per version; returns the folder holding `<chart>/`. */
  async pull(
    repoURL: string,
    chart: string,
    version: string,
    creds?: HelmCredentials,
  ): Promise<{ dir: string; digest: string }> {
    const ref = `${ociBase(repoURL)}/${chart}`;
    const digest = createHash('sha256').update(`${ref}@${version}`).digest('hex');
    const dir = join(this.cacheDir, 'oci', digest);
    if (!existsSync(dir)) {
      mkdirSync(join(this.cacheDir, 'oci'), { recursive: true });
      const tmp = mkdtempSync(`${dir}.tmp-`);
      try {
        await this.helm(repoURL, ['pull', ref, '--version', version, '--untar', '--untardir', tmp], creds);
        if (!readdirSync(tmp).includes(chart))
          throw new RepositoryError(`${ref}:${version} did not contain a chart named ${chart}`);
        renameSync(tmp, dir);
      } catch (err) {
        rmSync(tmp, { recursive: true, force: true });
        if (err instanceof RepositoryError) throw err;
        throw new RepositoryError(`pulling ${ref}:${version}: ${helmMessage(err)}`, { cause: err });
      }
    }
    return { dir, digest };
  }
}

/** The useful part of helm's complaint, without the command line. */
export function helmMessage(err: unknown): string {
  if (err instanceof CommandError) return err.stderr.replace(/^Error: /m, '').trim() || err.message;
  return err instanceof Error ? err.message : String(err);
}
