/**
 * A registry token server, as Docker Hub's auth.docker.io or ghcr.io's /token: the bed's
 * registry (Distribution's `auth: token`) answers 401 with a Bearer challenge naming this
 * realm; clients GET it with basic auth and the scope they need and receive a JWT signed
 * with node:crypto (RS256). The registry trusts it through the key's self-signed
 * certificate (`rootcertbundle`) and finds the key by its libtrust key id (`kid`).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign,
  timingSafeEqual,
} from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../util/exec.js';

export interface TokenServerOptions {
  dir: string;
  username: string;
  password: string;
  /** The registry's name for itself in tokens (`aud`) and challenges (`service`). */
  service: string;
  issuer: string;
  /** Token lifetime in seconds (default 300). */
  expiresIn?: number;
}

export interface TokenServer {
  /** The realm URL the registry's challenges name. */
  realm: string;
  service: string;
  issuer: string;
  /** PEM certificate of the signing key: the registry's `rootcertbundle`. */
  certificateFile: string;
  /** Tokens issued so far (tests check a client reuses its token). */
  issued(): number;
  stop(): Promise<void>;
}

export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  mkdirSync(options.dir, { recursive: true });
  const keyFile = join(options.dir, 'token.key');
  const certificateFile = join(options.dir, 'token.crt');
  // node:crypto cannot write X.509 certificates; openssl makes the self-signed one.
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${options.issuer}`,
    '-keyout',
    keyFile,
    '-out',
    certificateFile,
  ]);
  const key = createPrivateKey(readFileSync(keyFile));
  const kid = libtrustKeyId(createPublicKey(key).export({ type: 'spki', format: 'der' }));
  let issued = 0;
  const server = createServer((req, res) => {
    const token = handle(options, req, res, (claims) => signJwt(claims, { key, kid }));
    if (token) issued++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('token server did not bind');
  return {
    realm: `http://127.0.0.1:${address.port}/token`,
    service: options.service,
    issuer: options.issuer,
    certificateFile,
    issued: () => issued,
    stop: () => close(server),
  };
}

/** libtrust's key id: base32 of the first 240 bits of sha256(DER SPKI), in groups of four joined by ':'. */
export function libtrustKeyId(spkiDer: Buffer): string {
  const digest = createHash('sha256').update(spkiDer).digest().subarray(0, 30);
  return (base32(digest).match(/.{4}/g) ?? []).join(':');
}

function base32(data: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

function signJwt(claims: object, signer: { key: ReturnType<typeof createPrivateKey>; kid: string }): string {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: signer.kid }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), signer.key);
  return `${header}.${payload}.${b64url(signature)}`;
}

/** `repository:org/app:pull,push` → the access entry the registry checks. */
function accessOf(scope: string): { type: string; name: string; actions: string[] } | undefined {
  const parts = scope.split(':');
  if (parts.length < 3) return undefined;
  const actions = parts.pop()!.split(',').filter(Boolean);
  const [type = '', ...name] = parts;
  return { type, name: name.join(':'), actions };
}

function authorized(options: TokenServerOptions, header: string | undefined): boolean {
  const match = /^Basic (.+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(Buffer.from(match[1]!, 'base64').toString('utf8'));
  const expected = Buffer.from(`${options.username}:${options.password}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Answers one token request; returns the token when one was issued. */
function handle(
  options: TokenServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  signer: (claims: object) => string,
): string | undefined {
  const url = new URL(req.url ?? '/', 'http://token');
  const reply = (status: number, body: object): void => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (url.pathname !== '/token') return void reply(404, { details: 'not found' });
  if (!authorized(options, req.headers.authorization)) {
    return void reply(401, { details: 'invalid username or password' });
  }
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = options.expiresIn ?? 300;
  const access = url.searchParams.getAll('scope').flatMap((s) => accessOf(s) ?? []);
  const token = signer({
    iss: options.issuer,
    sub: options.username,
    aud: url.searchParams.get('service') ?? options.service,
    exp: now + expiresIn,
    nbf: now - 10,
    iat: now,
    jti: randomBytes(16).toString('hex'),
    access,
  });
  reply(200, {
    token,
    access_token: token,
    expires_in: expiresIn,
    issued_at: new Date(now * 1000).toISOString(),
  });
  return token;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
