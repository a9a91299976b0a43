/**
 * One registry request, done properly: the right scheme (plain HTTP only when insecure),
 * anonymous first, then basic or bearer auth as the registry's challenge asks (the
 * challenge is remembered per registry), 429/5xx retried with back-off honouring
 * Retry-After, and every failure turned into a RegistryError naming registry and image.
 */
import { parseChallenge, type AuthChallenge } from './headers.js';
import { apiHost, type ImageRef } from './ref.js';
import { RegistryError } from './errors.js';
import { TokenCache, tokenUrl, type TokenRequest, type TokenResponse } from './token.js';
import { backoffDelay, isRetryableStatus, sleep, type BackoffOptions } from './retry.js';
import type { RegistryAuth } from './docker-config.js';
import { observeSourceRequest, registryOperation } from '../requests.js';

export interface RegistryRequestOptions {
  auth?: RegistryAuth;
  /** Plain HTTP (Flux's `insecure: true`). */
  insecure?: boolean;
  signal?: AbortSignal;
}

export interface TransportOptions extends BackoffOptions {
  userAgent: string;
  maxRetries: number;
  timeoutMs: number;
}

export interface RequestInit {
  method?: 'GET' | 'HEAD';
  accept?: string;
  /** What is being done, for messages: "list tags of", "read manifest of". */
  action: string;
}

/** One logical request: which image, with which options, doing what. */
interface Call {
  ref: ImageRef;
  options: RegistryRequestOptions;
  init: RequestInit;
}

export class RegistryTransport {
  private readonly tokens = new TokenCache();
  /** The last challenge each registry sent, so later requests authenticate up front. */
  private readonly challenges = new Map<string, AuthChallenge>();

  constructor(private readonly options: TransportOptions) {}

  baseUrl(ref: ImageRef, options: RegistryRequestOptions): string {
    return `${options.insecure ? 'http' : 'https'}://${apiHost(ref.registry)}`;
  }

  /** GET/HEAD `pathOrUrl` (relative to the registry) and return a 2xx response, or throw. */
  async request(
    ref: ImageRef,
    pathOrUrl: string,
    options: RegistryRequestOptions,
    init: RequestInit,
  ): Promise<Response> {
    const url = new URL(pathOrUrl, this.baseUrl(ref, options)).toString();
    const call: Call = { ref, options, init };
    let res = await this.sendWithRetries(call, url);
    if (res.status === 401) {
      const challenge = parseChallenge(res.headers.get('www-authenticate'));
      await res.body?.cancel();
      // Retry once: the first request went out anonymously, or its cached token was revoked.
      if (challenge) {
        this.challenges.set(ref.registry, challenge);
        this.forgetToken(ref, options, challenge);
        res = await this.sendWithRetries(call, url);
      }
    }
    if (res.ok) return res;
    throw await failure(call, res);
  }

  private async sendWithRetries(call: Call, url: string): Promise<Response> {
    const { options } = call;
    for (let attempt = 0; ; attempt++) {
      const authorization = await this.authorization(call);
      const res = await this.send(call, url, authorization).catch(async (err: unknown) => {
        const final = err instanceof RegistryError && !err.transient;
        if (final || options.signal?.aborted || attempt >= this.options.maxRetries) throw err;
        await sleep(backoffDelay(attempt, undefined, this.options) ?? 0, options.signal);
        return undefined;
      });
      if (!res) continue;
      if (!isRetryableStatus(res.status) || attempt >= this.options.maxRetries) return res;
      const delay = backoffDelay(attempt, res.headers.get('retry-after'), this.options);
      if (delay === undefined) return res;
      await res.body?.cancel();
      await sleep(delay, options.signal);
    }
  }

  private async send(call: Call, url: string, authorization: string | undefined): Promise<Response> {
    const { options, init } = call;
    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent };
    if (init.accept) headers.Accept = init.accept;
    if (authorization) headers.Authorization = authorization;
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      return await observeSourceRequest(
        'registry',
        registryOperation(url),
        () => fetch(url, { method: init.method ?? 'GET', headers, signal, redirect: 'follow' }),
        (res) => res.status >= 500,
      );
    } catch (err) {
      if (options.signal?.aborted) throw err;
      throw unreachable(call, err);
    }
  }

  private async authorization(call: Call): Promise<string | undefined> {
    const { ref, options } = call;
    const challenge = this.challenges.get(ref.registry);
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') return options.auth ? basicHeader(options.auth) : undefined;
    if (challenge.scheme !== 'bearer') return undefined;
    const request = this.tokenRequest(ref, options, challenge);
    const key = this.tokens.key(ref.registry, request);
    const token = this.tokens.get(key) ?? (await this.fetchToken(call, request, key));
    return `Bearer ${token}`;
  }

  private tokenRequest(
    ref: ImageRef,
    options: RegistryRequestOptions,
    challenge: AuthChallenge,
  ): TokenRequest {
    // A challenge's scope is for the request that got it; other repositories need their own.
    const scope = `repository:${ref.repository}:pull`;
    const params = { ...challenge.params, scope };
    return { challenge: { ...challenge, params }, defaultScope: scope, auth: options.auth };
  }

  private forgetToken(ref: ImageRef, options: RegistryRequestOptions, challenge: AuthChallenge): void {
    if (challenge.scheme !== 'bearer') return;
    const request = this.tokenRequest(ref, options, challenge);
    this.tokens.forget(this.tokens.key(ref.registry, request));
  }

  private async fetchToken(call: Call, request: TokenRequest, key: string): Promise<string> {
    const { ref, options, init } = call;
    let url: URL;
    try {
      url = tokenUrl(request);
    } catch (err) {
      throw new RegistryError('Protocol', `${prefix(ref, init)}: ${(err as Error).message}`, { cause: err });
    }
    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent };
    if (options.auth) headers.Authorization = basicHeader(options.auth);
    let res: Response;
    try {
      const signal = options.signal ?? AbortSignal.timeout(this.options.timeoutMs);
      res = await observeSourceRequest(
        'registry',
        'token',
        () => fetch(url, { headers, signal }),
        (r) => r.status >= 500,
      );
    } catch (err) {
      if (options.signal?.aborted) throw err;
      throw new RegistryError(
        'Unreachable',
        `${prefix(ref, init)}: cannot reach the token server ${url.origin}: ${causeOf(err)}`,
        { cause: err },
      );
    }
    if (!res.ok) throw await tokenFailure(call, url, res);
    const body = (await res.json().catch(() => ({}))) as TokenResponse;
    const token = this.tokens.put(key, body);
    if (!token)
      throw new RegistryError(
        'Protocol',
        `${prefix(ref, init)}: the token server ${url.origin} answered without a token`,
      );
    return token;
  }
}

function basicHeader(auth: RegistryAuth): string {
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

export function prefix(ref: ImageRef, init: RequestInit): string {
  return `cannot ${init.action} ${ref.canonicalName}`;
}

function causeOf(err: unknown): string {
  const e = err as Error & { cause?: Error & { code?: string } };
  if (e.name === 'TimeoutError') return 'timed out';
  const message = (e.cause?.message ?? e.message).trim();
  // OpenSSL's "…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:file:line:" → the reason.
  const ssl = /SSL routines:[^:]*:([^:]+):/.exec(message);
  return ssl ? `TLS handshake failed (${ssl[1]})` : message;
}

function unreachable({ ref, options, init }: Call, err: unknown): RegistryError {
  const cause = causeOf(err);
  // A TLS failure is an answer (wrong scheme, bad certificate): trying again cannot help.
  const tls = /ssl|tls|EPROTO|wrong version number|packet length|certificate/i.test(cause);
  const hint = tls && !options.insecure ? ' (a plain-HTTP registry needs insecure: true)' : '';
  return new RegistryError(
    'Unreachable',
    `${prefix(ref, init)}: cannot reach registry ${ref.registry}: ${cause}${hint}`,
    {
      cause: err,
      transient: !tls,
    },
  );
}

/** The registry's own error code and message (`{"errors":[{"code":"NAME_UNKNOWN","message":…}]}`), if any. */
async function registryDetail(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const first = (JSON.parse(text) as { errors?: Array<{ code?: string; message?: string }> }).errors?.[0];
    if (first) return [first.code, first.message].filter(Boolean).join(': ');
  } catch {
    // not JSON: fall through to the status text
  }
  return res.statusText;
}

async function failure({ ref, options, init }: Call, res: Response): Promise<RegistryError> {
  const detail = init.method === 'HEAD' ? res.statusText : await registryDetail(res);
  const status = `HTTP ${res.status}${detail ? ` ${detail}` : ''}`;
  const at = `${prefix(ref, init)}: registry ${ref.registry}`;
  if (res.status === 401 || res.status === 403) {
    const why = options.auth ? 'rejected the credentials' : 'requires credentials and none were given';
    return new RegistryError('Unauthorized', `${at} ${why} (${status})`, { status: res.status });
  }
  if (res.status === 404)
    return new RegistryError('NotFound', `${at} has no such repository or tag (${status})`, { status: 404 });
  if (res.status === 429)
    return new RegistryError('RateLimited', `${at} is rate limiting requests (${status})`, { status: 429 });
  if (res.status >= 500)
    return new RegistryError('Unreachable', `${at} failed (${status})`, { status: res.status });
  return new RegistryError('Protocol', `${at} answered ${status}`, { status: res.status });
}

async function tokenFailure({ ref, options, init }: Call, url: URL, res: Response): Promise<RegistryError> {
  const detail = (await res.text().catch(() => '')).slice(0, 200).trim();
  const status = `HTTP ${res.status}${detail ? ` ${detail}` : ''}`;
  const at = `${prefix(ref, init)}: the token server ${url.origin} of registry ${ref.registry}`;
  if (res.status === 401 || res.status === 403) {
    const why = options.auth ? 'rejected the credentials' : 'requires credentials and none were given';
    return new RegistryError('Unauthorized', `${at} ${why} (${status})`, { status: res.status });
  }
  if (res.status === 429)
    return new RegistryError('RateLimited', `${at} is rate limiting requests (${status})`, { status: 429 });
  return new RegistryError('Protocol', `${at} answered ${status}`, { status: res.status });
}
