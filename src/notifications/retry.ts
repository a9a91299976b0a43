/**
 * When to try a delivery again: connection errors, timeouts, 429 and 5xx are worth a
 * retry with exponential back-off; any other answer is final (a 4xx will not change).
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; doubles each time, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8000 };

/** `status` undefined means no answer (connection refused, reset, timeout). */
export function isRetryable(status: number | undefined): boolean {
  return status === undefined || status === 429 || status >= 500;
}

/** Milliseconds to wait after failed attempt number `attempt` (1-based), or undefined to give up. */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  status: number | undefined,
): number | undefined {
  if (attempt >= policy.attempts || !isRetryable(status)) return undefined;
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}
