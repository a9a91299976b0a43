/**
 * The sealed-secrets controller's HTTP API, served by Ferry so kubeseal works against it
 * through the API server's service proxy: GET /v1/cert.pem (the newest public certificate),
 * POST /v1/verify (200 decryptable, 409 not), POST /v1/rotate (the SealedSecret re-encrypted
 * with the newest key, as JSON). Answers never carry a decrypted value. verify and rotate are
 * rate-limited as upstream (2 per second, burst 2), so they cannot serve as a fast oracle.
 */
import type { SealedSecret } from '../api/bitnami/types.js';
import { SealInputError, UnsealError } from '../secrets/errors.js';

/** What the routes need; SealedSecretController implements it. */
export interface SealedSecretsService {
  certificatePem(): string;
  verify(content: string): boolean;
  rotate(content: string): SealedSecret;
}

export interface SealedSecretsRouteDeps {
  sealedSecrets: SealedSecretsService;
  /** Defaults to a limiter of 2 per second, burst 2. */
  limiter?: RateLimiter;
}

export interface SealedSecretsAnswer {
  status: number;
  body: string;
  contentType: string;
}

/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export class RateLimiter {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly perSecond = 2,
    private readonly burst = 2,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

const defaultLimiter = new RateLimiter();
const text = (status: number, body: string): SealedSecretsAnswer => ({
  status,
  body,
  contentType: 'text/plain; charset=utf-8',
});

export function handleCertPem(deps: SealedSecretsRouteDeps): SealedSecretsAnswer {
  try {
    return { status: 200, body: deps.sealedSecrets.certificatePem(), contentType: 'application/x-pem-file' };
  } catch {
    return text(500, 'cannot get certificate\n');
  }
}

/** Bad input is 400; anything else unexpected is thrown for the server's 500. */
function guarded(deps: SealedSecretsRouteDeps, run: () => SealedSecretsAnswer): SealedSecretsAnswer {
  if (!(deps.limiter ?? defaultLimiter).take()) return text(429, 'too many requests\n');
  try {
    return run();
  } catch (err) {
    if (err instanceof SealInputError) return text(400, `${err.message}\n`);
    if (err instanceof UnsealError) return text(409, `${err.message}\n`);
    throw err;
  }
}

export function handleVerify(deps: SealedSecretsRouteDeps, body: Buffer | string): SealedSecretsAnswer {
  return guarded(deps, () => (deps.sealedSecrets.verify(body.toString()) ? text(200, '') : text(409, '')));
}

export function handleRotate(deps: SealedSecretsRouteDeps, body: Buffer | string): SealedSecretsAnswer {
  return guarded(deps, () => ({
    status: 200,
    body: JSON.stringify(deps.sealedSecrets.rotate(body.toString())),
    contentType: 'application/json',
  }));
}

/** The answer for a request to one of the three paths, or undefined for any other path. */
export function routeSealedSecrets(
  deps: SealedSecretsRouteDeps,
  method: string,
  path: string,
  body: Buffer,
): SealedSecretsAnswer | undefined {
  const routes: Record<string, [string, () => SealedSecretsAnswer]> = {
    '/v1/cert.pem': ['GET', () => handleCertPem(deps)],
    '/v1/verify': ['POST', () => handleVerify(deps, body)],
    '/v1/rotate': ['POST', () => handleRotate(deps, body)],
  };
  const route = routes[path];
  if (!route) return undefined;
  if (method !== route[0]) return text(405, `use ${route[0]}\n`);
  return route[1]();
}
