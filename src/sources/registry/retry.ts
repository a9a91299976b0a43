/** When and how long to wait before trying a registry request again. Pure, unit tested. */
import { retryAfterMs } from './headers.js';

export interface BackoffOptions {
  /** First wait when the registry gives no Retry-After (doubles each attempt). */
  baseMs: number;
  /** Longest wait; a Retry-After beyond it means giving up now rather than hanging a scan. */
  maxMs: number;
}

/** 429 (rate limited) and 5xx (registry trouble) are worth another try; other statuses are answers. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * The wait before attempt `attempt + 1`: the registry's Retry-After when given, else
 * exponential with jitter. Undefined when the registry asks for longer than `maxMs`.
 */
export function backoffDelay(
  attempt: number,
  retryAfter: string | null | undefined,
  options: BackoffOptions,
  random: () => number = Math.random,
): number | undefined {
  const asked = retryAfterMs(retryAfter);
  if (asked !== undefined) return asked > options.maxMs ? undefined : asked;
  const exponential = options.baseMs * 2 ** attempt;
  return Math.min(options.maxMs, exponential / 2 + (random() * exponential) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
