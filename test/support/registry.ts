/**
 * Pushes tiny but valid OCI images to the test bed's registry through the Distribution
 * API (blob upload POST + PUT, manifest PUT), so image scanning runs against real tags.
 *
 *   const { digest } = await pushImage(bed, 'org/my-app', '1.0.0', { created: new Date() });
 *   imageName(bed, 'org/my-app'); // "127.0.0.1:PORT/org/my-app"
 *
 * Works with the bed's htpasswd registry (basic auth) and with a token-auth registry
 * (401 Bearer challenge → token from the realm with the same credentials).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Testbed } from '../../src/testbed/testbed.js';

const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
const CONFIG_TYPE = 'application/vnd.oci.image.config.v1+json';
const LAYER_TYPE = 'application/vnd.oci.image.layer.v1.tar+gzip';

interface RegistryAccess {
  host: string;
  username?: string;
  password?: string;
}

export function imageName(bed: Pick<Testbed, 'registry'>, repository: string): string {
  return `${bed.registry.host}/${repository}`;
}

export async function pushImage(
  bed: Pick<Testbed, 'registry'>,
  repository: string,
  tag: string,
  options: { created?: Date } = {},
): Promise<{ digest: string }> {
  return pushImageTo(bed.registry, repository, tag, options);
}

/** The same for any registry (e.g. a second, token-auth registry started by a test). */
export async function pushImageTo(
  registry: RegistryAccess,
  repository: string,
  tag: string,
  options: { created?: Date } = {},
): Promise<{ digest: string }> {
  const session = new PushSession(registry, repository);
  const layerTar = tarWithOneFile('image.txt', `${repository}:${tag}\n`);
  const layer = gzipSync(layerTar);
  const config = Buffer.from(
    JSON.stringify({
      created: (options.created ?? new Date()).toISOString(),
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: [sha256(layerTar)] },
      history: [{ created: (options.created ?? new Date()).toISOString(), created_by: 'ferry test' }],
    }),
  );
  await session.uploadBlob(layer);
  await session.uploadBlob(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      config: { mediaType: CONFIG_TYPE, digest: sha256(config), size: config.length },
      layers: [{ mediaType: LAYER_TYPE, digest: sha256(layer), size: layer.length }],
    }),
  );
  const res = await session.request('PUT', `/manifests/${encodeURIComponent(tag)}`, {
    body: manifest,
    headers: { 'Content-Type': MANIFEST_TYPE },
  });
  await expectStatus(res, [201], `PUT manifest ${repository}:${tag}`);
  return { digest: res.headers.get('docker-content-digest') ?? sha256(manifest) };
}

class PushSession {
  private bearer: string | undefined;
  private readonly base: string;

  constructor(
    private readonly registry: RegistryAccess,
    private readonly repository: string,
  ) {
    this.base = `http://${registry.host}/v2/${repository}`;
  }

  async uploadBlob(blob: Buffer): Promise<void> {
    const digest = sha256(blob);
    const head = await this.request('HEAD', `/blobs/${digest}`);
    if (head.status === 200) return;
    const start = await this.request('POST', '/blobs/uploads/');
    await expectStatus(start, [202], `start blob upload to ${this.repository}`);
    const location = new URL(start.headers.get('location') ?? '', `http://${this.registry.host}`);
    location.searchParams.set('digest', digest);
    const put = await this.request('PUT', location.toString(), {
      body: blob,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    await expectStatus(put, [201], `finish blob upload ${digest} to ${this.repository}`);
  }

  /** `path` is relative to /v2/REPOSITORY, or an absolute URL (upload locations). */
  async request(
    method: string,
    path: string,
    init: { body?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const send = (): Promise<Response> =>
      fetch(url, { method, body: init.body, headers: { ...init.headers, ...this.authHeader() } });
    let res = await send();
    const challenge = res.headers.get('www-authenticate') ?? '';
    if (res.status === 401 && /^bearer /i.test(challenge) && this.bearer === undefined) {
      await res.arrayBuffer();
      this.bearer = await this.fetchToken(challenge);
      res = await send();
    }
    return res;
  }

  private authHeader(): Record<string, string> {
    if (this.bearer) return { Authorization: `Bearer ${this.bearer}` };
    return this.registry.username ? { Authorization: basic(this.registry) } : {};
  }

  private async fetchToken(challenge: string): Promise<string> {
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const url = new URL(params.realm ?? '');
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', `repository:${this.repository}:pull,push`);
    const res = await fetch(url, {
      headers: this.registry.username ? { Authorization: basic(this.registry) } : {},
    });
    const text = await expectStatus(res, [200], `token for ${this.repository} from ${url.origin}`);
    const body = JSON.parse(text) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new Error(`the token server at ${url.origin} answered without a token`);
    return token;
  }
}

function basic({ username, password }: RegistryAccess): string {
  return `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
}

/** The response text; throws naming `what` unless the status is one of `ok`. */
async function expectStatus(res: Response, ok: number[], what: string): Promise<string> {
  const text = await res.text();
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return text;
}

function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** A ustar archive holding one regular file (header, data padded to 512, two zero blocks). */
function tarWithOneFile(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string): void => {
    header.write(value, offset, length, 'ascii');
  };
  const octal = (n: number, length: number): string => `${n.toString(8).padStart(length - 1, '0')}\0`;
  field(0, 100, name);
  field(100, 8, octal(0o644, 8));
  field(108, 8, octal(0, 8));
  field(116, 8, octal(0, 8));
  field(124, 12, octal(data.length, 12));
  field(136, 12, octal(0, 12));
  field(148, 8, '        '); // checksum counted as spaces
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding, Buffer.alloc(1024)]);
}
