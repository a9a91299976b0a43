/**
 * An OCI registry: Debian's `docker-registry` (CNCF Distribution) on loopback, plain
 * HTTP, with optional htpasswd (bcrypt, made by `htpasswd -B` from apache2-utils).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { ManagedProcess } from './process.js';
import { freePort } from './ports.js';
import { httpGet } from './probe.js';
import { run } from '../util/exec.js';
import { startTokenServer, type TokenServer } from './token-server.js';

export const registryBinary = process.env.FERRY_DOCKER_REGISTRY ?? '/usr/bin/docker-registry';

export interface Registry {
  /** host:port, as used in image references (`127.0.0.1:PORT/org/app:1.0.0`). */
  host: string;
  /** `oci://host:port`, the prefix for Helm OCI chart references. */
  ociUrl: string;
  username?: string;
  password?: string;
  dir: string;
  process: ManagedProcess;
  /** With `auth: 'token'`: the token server the registry sends clients to (stop it with the registry). */
  tokenServer?: TokenServer;
}

export interface RegistryOptions {
  dir: string;
  username?: string;
  password?: string;
  /**
   * How clients authenticate when a username is given: `htpasswd` (basic auth, the default)
   * or `token` (Bearer tokens from a token server, as ghcr.io and Docker Hub).
   */
  auth?: 'htpasswd' | 'token';
}

export async function startRegistry(options: RegistryOptions): Promise<Registry> {
  mkdirSync(join(options.dir, 'data'), { recursive: true });
  const port = await freePort();
  const config: Record<string, unknown> = {
    version: 0.1,
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: join(options.dir, 'data') }, delete: { enabled: true } },
    http: { addr: `127.0.0.1:${port}`, secret: randomBytes(16).toString('hex') },
  };
  let tokenServer: TokenServer | undefined;
  if (options.username && options.auth === 'token') {
    tokenServer = await startTokenServer({
      dir: join(options.dir, 'token'),
      username: options.username,
      password: options.password ?? '',
      service: 'ferry-testbed-registry',
      issuer: 'ferry-testbed-token-server',
    });
    const { realm, service, issuer, certificateFile } = tokenServer;
    config.auth = { token: { realm, service, issuer, rootcertbundle: certificateFile } };
  } else if (options.username) {
    const { stdout } = await run('htpasswd', ['-Bbn', options.username, options.password ?? '']);
    const htpasswd = join(options.dir, 'htpasswd');
    writeFileSync(htpasswd, stdout);
    config.auth = { htpasswd: { realm: 'ferry-testbed-registry', path: htpasswd } };
  }
  const configFile = join(options.dir, 'config.yml');
  writeFileSync(configFile, stringify(config));
  const proc = new ManagedProcess({
    name: 'docker-registry',
    command: registryBinary,
    args: ['serve', configFile],
    logFile: join(options.dir, 'registry.log'),
  });
  const host = `127.0.0.1:${port}`;
  // /v2/ answers 200 (open) or 401 (auth required) once the registry serves.
  await proc
    .waitUntil(
      async () => [200, 401].includes((await httpGet(`http://${host}/v2/`)).status),
      30_000,
      'serving',
    )
    .catch(async (err: unknown) => {
      await tokenServer?.stop();
      throw err;
    });
  return {
    host,
    ociUrl: `oci://${host}`,
    username: options.username,
    password: options.password,
    dir: options.dir,
    process: proc,
    tokenServer,
  };
}
