/**
 * The registry operations image automation needs: list a repository's tags (following
 * `Link` pagination), a tag's manifest digest (HEAD, `Docker-Content-Digest`), and when
 * the image was built (the config blob's `created`, for newest-build policies).
 */
import { createHash } from 'node:crypto';
import { parseImageRef, type ImageRef } from './ref.js';
import { nextLink } from './headers.js';
import { RegistryError } from './errors.js';
import { RegistryTransport, prefix, type RegistryRequestOptions, type RequestInit } from './transport.js';

const INDEX_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
];
const IMAGE_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];
const ALL_MANIFEST_TYPES = [...IMAGE_TYPES, ...INDEX_TYPES].join(', ');
/** Guards against a registry whose Link headers loop. */
const MAX_PAGES = 1000;

export interface RegistryClientOptions {
  userAgent?: string;
  /** Retries of 429/5xx and network failures (default 3). */
  maxRetries?: number;
  /** First back-off wait without Retry-After (default 500 ms, doubling). */
  retryBaseMs?: number;
  /** Longest wait; a longer Retry-After fails the request as RateLimited (default 30 s). */
  maxRetryDelayMs?: number;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Tags asked for per page (`?n=`; default 1000). */
  pageSize?: number;
}

interface Manifest {
  mediaType?: string;
  config?: { digest?: string };
  manifests?: Array<{
    digest: string;
    mediaType?: string;
    platform?: { os?: string; architecture?: string };
  }>;
}

export class RegistryClient {
  private readonly transport: RegistryTransport;
  private readonly pageSize: number;

  constructor(options: RegistryClientOptions = {}) {
    this.transport = new RegistryTransport({
      userAgent: options.userAgent ?? 'ferry',
      maxRetries: options.maxRetries ?? 3,
      baseMs: options.retryBaseMs ?? 500,
      maxMs: options.maxRetryDelayMs ?? 30_000,
      timeoutMs: options.timeoutMs ?? 30_000,
    });
    this.pageSize = options.pageSize ?? 1000;
  }

  async listTags(image: string, options: RegistryRequestOptions = {}): Promise<string[]> {
    const ref = parseImageRef(image);
    const init: RequestInit = { action: 'list tags of' };
    const tags: string[] = [];
    let next: string | undefined = `/v2/${ref.repository}/tags/list?n=${this.pageSize}`;
    for (let page = 0; next; page++) {
      if (page >= MAX_PAGES)
        throw new RegistryError('Protocol', `${prefix(ref, init)}: more than ${MAX_PAGES} pages of tags`);
      const res = await this.transport.request(ref, next, options, init);
      const body = await readJson<{ tags?: string[] | null }>(ref, init, res);
      tags.push(...(body.tags ?? []));
      next = nextLink(res.headers.get('link'));
    }
    return tags;
  }

  async manifestDigest(image: string, tag: string, options: RegistryRequestOptions = {}): Promise<string> {
    const ref = parseImageRef(image);
    const init: RequestInit = {
      action: `read the digest of tag ${tag} of`,
      method: 'HEAD',
      accept: ALL_MANIFEST_TYPES,
    };
    const res = await this.transport.request(ref, manifestPath(ref, tag), options, init);
    const digest = res.headers.get('docker-content-digest');
    if (digest) return digest;
    // Some registries answer HEAD without the header: the digest is the manifest's sha256.
    const body = await this.transport.request(ref, manifestPath(ref, tag), options, {
      ...init,
      method: 'GET',
    });
    return `sha256:${createHash('sha256')
      .update(Buffer.from(await body.arrayBuffer()))
      .digest('hex')}`;
  }

  async imageCreated(
    image: string,
    tag: string,
    options: RegistryRequestOptions = {},
  ): Promise<Date | undefined> {
    const ref = parseImageRef(image);
    const init: RequestInit = { action: `read the build date of tag ${tag} of`, accept: ALL_MANIFEST_TYPES };
    let manifest = await this.manifest(ref, tag, options, init);
    if (manifest.manifests) {
      const chosen = pickPlatform(manifest.manifests);
      if (!chosen) return undefined;
      manifest = await this.manifest(ref, chosen, options, init);
    }
    const config = manifest.config?.digest;
    if (!config) return undefined;
    const res = await this.transport.request(ref, `/v2/${ref.repository}/blobs/${config}`, options, {
      action: init.action,
    });
    const created = (await readJson<{ created?: string }>(ref, init, res)).created;
    const date = created ? new Date(created) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date : undefined;
  }

  private async manifest(
    ref: ImageRef,
    reference: string,
    options: RegistryRequestOptions,
    init: RequestInit,
  ): Promise<Manifest> {
    const res = await this.transport.request(ref, manifestPath(ref, reference), options, init);
    return readJson<Manifest>(ref, init, res);
  }
}

function manifestPath(ref: ImageRef, reference: string): string {
  return `/v2/${ref.repository}/manifests/${encodeURIComponent(reference)}`;
}

/** linux/amd64 as `docker pull` on a typical node would, else the first image that is not an attestation. */
function pickPlatform(manifests: NonNullable<Manifest['manifests']>): string | undefined {
  const images = manifests.filter((m) => m.platform?.os !== 'unknown');
  const linuxAmd64 = images.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64');
  return (linuxAmd64 ?? images[0])?.digest;
}

async function readJson<T>(ref: ImageRef, init: RequestInit, res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new RegistryError(
      'Protocol',
      `${prefix(ref, init)}: registry ${ref.registry} answered with invalid JSON`,
    );
  }
}
