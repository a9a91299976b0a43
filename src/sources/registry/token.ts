/**
 * Bearer tokens as ghcr.io, Docker Hub and Distribution's token auth hand them out: the
 * registry answers 401 with `WWW-Authenticate: Bearer realm=…,service=…,scope=…`, the
 * client GETs the realm (with basic auth when it has credentials) and retries with the
 * token. Tokens are cached per registry, scope and credentials until shortly before expiry.
 */
import { createHash } from 'node:crypto';
import type { AuthChallenge } from './headers.js';
import type { RegistryAuth } from './docker-config.js';

/** Distribution's token spec: a token without `expires_in` lives 60 seconds. */
const DEFAULT_LIFETIME_S = 60;
/** Renew this long before expiry so a request never carries a token that dies in flight. */
const MARGIN_MS = 10_000;

export interface TokenResponse {
  token?: string;
  access_token?: string;
  expires_in?: number;
  issued_at?: string;
}

export interface TokenRequest {
  challenge: AuthChallenge;
  /** Used when the challenge names no scope (e.g. the challenge came from /v2/). */
  defaultScope: string;
  auth?: RegistryAuth;
}

export class TokenCache {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  key(registry: string, request: TokenRequest): string {
    const who = request.auth
      ? createHash('sha256').update(`${request.auth.username}:${request.auth.password}`).digest('hex')
      : 'anonymous';
    return `${registry}|${scopeOf(request)}|${who}`;
  }

  get(key: string): string | undefined {
    const cached = this.tokens.get(key);
    if (!cached) return undefined;
    if (cached.expiresAt > this.now()) return cached.token;
    this.tokens.delete(key);
    return undefined;
  }

  put(key: string, response: TokenResponse): string | undefined {
    const token = response.token ?? response.access_token;
    if (!token) return undefined;
    const lifetimeMs =
      (response.expires_in && response.expires_in > 0 ? response.expires_in : DEFAULT_LIFETIME_S) * 1000;
    const issued = response.issued_at ? Date.parse(response.issued_at) : NaN;
    const start = Number.isNaN(issued) ? this.now() : Math.min(issued, this.now());
    this.tokens.set(key, { token, expiresAt: start + lifetimeMs - Math.min(MARGIN_MS, lifetimeMs / 2) });
    return token;
  }

  forget(key: string): void {
    this.tokens.delete(key);
  }
}

export function scopeOf(request: TokenRequest): string {
  return request.challenge.params.scope ?? request.defaultScope;
}

/** The realm URL with service and scope, as the token endpoint expects them. */
export function tokenUrl(request: TokenRequest): URL {
  const realm = request.challenge.params.realm;
  if (!realm) throw new Error('the Bearer challenge names no realm');
  const url = new URL(realm);
  if (request.challenge.params.service) url.searchParams.set('service', request.challenge.params.service);
  url.searchParams.set('scope', scopeOf(request));
  return url;
}
