/**
 * A small OCI Distribution client over fetch: tags, manifests and blobs, with basic auth or
 * the registry's bearer-token flow, for Flux OCIRepository artifacts (any media type, not
 * only Helm charts). Blobs are verified against their digest and stored once per digest.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../util/exec.js';
import { observeSourceRequest, registryOperation } from '../requests.js';

export interface OciCredentials {
  username?: string;
  password?: string;
  /** Plain HTTP (Flux's `insecure: true`). */
  insecure?: boolean;
}

export interface OciReference {
  host: string;
  repository: string;
}

export interface OciLayer {
  mediaType: string;
  digest: string;
  size?: number;
}

export interface OciManifest {
  digest: string;
  mediaType?: string;
  layers: OciLayer[];
  annotations?: Record<string, string>;
}

export class OciError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OciError';
  }
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

/** `oci://host/path/name` → host and repository. */
export function parseOciUrl(url: string): OciReference {
  const rest = url.replace(/^oci:\/\//, '').replace(/\/$/, '');
  const slash = rest.indexOf('/');
  if (slash <= 0) throw new OciError(`${url} is not an oci://host/repository URL`);
  return { host: rest.slice(0, slash), repository: rest.slice(slash + 1) };
}

function basic(creds?: OciCredentials): string | undefined {
  if (!creds?.username && !creds?.password) return undefined;
  return `Basic ${Buffer.from(`${creds.username ?? ''}:${creds.password ?? ''}`).toString('base64')}`;
}

function challenge(header: string | null): { scheme: string; params: Record<string, string> } | undefined {
  if (!header) return undefined;
  const [scheme = '', ...rest] = header.split(' ');
  const params: Record<string, string> = {};
  for (const m of rest.join(' ').matchAll(/(\w+)="([^"]*)"/g)) params[m[1]!] = m[2]!;
  return { scheme: scheme.toLowerCase(), params };
}

export class OciClient {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly cacheDir: string) {}

  async listTags(ref: OciReference, creds?: OciCredentials): Promise<string[]> {
    const res = await this.request(ref, `/tags/list?n=10000`, creds);
    const body = (await res.json()) as { tags?: string[] | null };
    return body.tags ?? [];
  }

  /** The manifest of a tag or digest, with its digest. */
  async manifest(ref: OciReference, reference: string, creds?: OciCredentials): Promise<OciManifest> {
    const res = await this.request(ref, `/manifests/${reference}`, creds, {
      Accept: MANIFEST_TYPES.join(', '),
    });
    const text = await res.text();
    const digest =
      res.headers.get('docker-content-digest') ?? `sha256:${createHash('sha256').update(text).digest('hex')}`;
    const parsed = JSON.parse(text) as Omit<OciManifest, 'digest'>;
    if (!Array.isArray(parsed.layers))
      throw new OciError(`${ref.host}/${ref.repository}:${reference} is not an image manifest`);
    return { ...parsed, digest };
  }

  /** Downloads a blob once (verified) and returns the file holding it. */
  async blob(ref: OciReference, digest: string, creds?: OciCredentials): Promise<string> {
    const file = join(this.cacheDir, 'blobs', digest.replace(':', '-'));
    if (existsSync(file)) return file;
    const res = await this.request(ref, `/blobs/${digest}`, creds);
    const body = Buffer.from(await res.arrayBuffer());
    const actual = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    if (digest.startsWith('sha256:') && actual !== digest) {
      throw new OciError(`blob ${digest} of ${ref.host}/${ref.repository} has digest ${actual}`);
    }
    mkdirSync(join(this.cacheDir, 'blobs'), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, body);
    renameSync(tmp, file);
    return file;
  }

  /** A gzipped tar layer extracted into a folder kept per digest. */
  async extract(ref: OciReference, layer: OciLayer, creds?: OciCredentials): Promise<string> {
    const dir = join(this.cacheDir, 'extracted', layer.digest.replace(':', '-'));
    if (existsSync(dir)) return dir;
    const file = await this.blob(ref, layer.digest, creds);
    mkdirSync(join(this.cacheDir, 'extracted'), { recursive: true });
    const tmp = mkdtempSync(`${dir}.tmp-`);
    try {
      await run('tar', ['-xzf', file, '-C', tmp]);
      renameSync(tmp, dir);
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(dir))
        throw new OciError(`layer ${layer.digest} is not a gzipped tarball: ${(err as Error).message}`);
    }
    return dir;
  }

  private async request(
    ref: OciReference,
    path: string,
    creds: OciCredentials | undefined,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const url = `${creds?.insecure ? 'http' : 'https'}://${ref.host}/v2/${ref.repository}${path}`;
    const key = `${ref.host}/${ref.repository}|${creds?.username ?? ''}|${creds?.password ?? ''}`;
    const cached = this.tokens.get(key);
    let res = await send(url, { ...headers, ...(cached ? { Authorization: cached } : {}) });
    if (res.status === 401) {
      const authorization = await this.authorize(res.headers.get('www-authenticate'), creds, url);
      this.tokens.set(key, authorization);
      res = await send(url, { ...headers, Authorization: authorization });
    }
    if (!res.ok) throw await failure(ref, path, res);
    return res;
  }

  private async authorize(
    header: string | null,
    creds: OciCredentials | undefined,
    url: string,
  ): Promise<string> {
    const c = challenge(header);
    if (c?.scheme === 'bearer' && c.params.realm) {
      const tokenUrl = new URL(c.params.realm);
      if (c.params.service) tokenUrl.searchParams.set('service', c.params.service);
      if (c.params.scope) tokenUrl.searchParams.set('scope', c.params.scope);
      const auth = basic(creds);
      const res = await send(tokenUrl.toString(), auth ? { Authorization: auth } : {});
      if (!res.ok)
        throw new OciError(
          `token request to ${tokenUrl.host} failed: ${res.status} ${res.statusText}`,
          res.status,
        );
      const body = (await res.json()) as { token?: string; access_token?: string };
      return `Bearer ${body.token ?? body.access_token ?? ''}`;
    }
    const auth = basic(creds);
    if (!auth)
      throw new OciError(`${url}: 401 Unauthorized: the registry needs credentials (spec.secretRef)`, 401);
    return auth;
  }
}

async function failure(ref: OciReference, path: string, res: Response): Promise<OciError> {
  const where = `${ref.host}/${ref.repository}`;
  if (res.status === 401 || res.status === 403) {
    return new OciError(
      `${where}: ${res.status} ${res.statusText}: check the registry credentials`,
      res.status,
    );
  }
  const detail = (await res.text().catch(() => '')).slice(0, 200);
  return new OciError(
    `${where}${path.replace(/\?.*$/, '')}: ${res.status} ${res.statusText} ${detail}`.trim(),
    res.status,
  );
}

function send(url: string, headers: Record<string, string>): Promise<Response> {
  return observeSourceRequest(
    'oci',
    registryOperation(url),
    () => sendOnce(url, headers),
    (res) => res.status >= 500,
  );
}

async function sendOnce(url: string, headers: Record<string, string>): Promise<Response> {
  try {
    return await fetch(url, { headers, signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    const cause =
      (err as Error).cause instanceof Error
        ? ((err as Error).cause as Error).message
        : (err as Error).message;
    throw new OciError(`cannot reach ${new URL(url).host}: ${cause}`);
  }
}
