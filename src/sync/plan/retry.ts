/**
 * Argo CD's sync retry backoff (spec.syncPolicy.retry), computed the way its application
 * controller does: the wait before retry n is `duration * factor^(n-1)`, capped at
 * maxDuration when that is positive. A failed sync is retried while the number of retries so
 * far is below `limit`; a negative limit retries forever; no limit (0) never retries.
 */
import { InvalidDurationError, parseDuration } from './duration.js';

export interface RetryStrategy {
  limit?: number;
  backoff?: { duration?: string; factor?: number; maxDuration?: string };
}

/** Argo CD's defaults: 5s, doubled each retry, at most 3m. */
export const DEFAULT_RETRY_BACKOFF = { duration: 5_000, factor: 2, maxDuration: 180_000 } as const;

/** How many entries retrySchedule lists at most for an unlimited strategy whose delay never settles. */
export const UNLIMITED_SCHEDULE_LENGTH = 64;

/**
 * A backoff duration in milliseconds. Like Argo CD, a bare integer means seconds ("30" is 30s);
 * anything else is a Go duration. Throws InvalidDurationError.
 */
export function parseBackoffDuration(text: string): number {
  if (/^[+-]?\d+$/.test(text)) return Number(text) * 1_000;
  try {
    return parseDuration(text);
  } catch (error) {
    if (error instanceof InvalidDurationError) throw new InvalidDurationError(text, error.reason);
    throw error;
  }
}

interface Backoff {
  base: number;
  factor: number;
  cap: number;
}

/** Defaults apply to an absent or empty string and an absent factor (an explicit 0 factor is kept). */
function resolveBackoff(strategy: RetryStrategy): Backoff {
  const { duration, factor, maxDuration } = strategy.backoff ?? {};
  return {
    base: duration ? parseBackoffDuration(duration) : DEFAULT_RETRY_BACKOFF.duration,
    factor: factor ?? DEFAULT_RETRY_BACKOFF.factor,
    cap: maxDuration ? parseBackoffDuration(maxDuration) : DEFAULT_RETRY_BACKOFF.maxDuration,
  };
}

function delayOf(backoff: Backoff, attempt: number): number {
  const delay = backoff.base * backoff.factor ** (attempt - 1);
  return backoff.cap > 0 ? Math.min(backoff.cap, delay) : delay;
}

/**
 * Milliseconds to wait before retry number `attempt` (1-based), whether or not the limit allows
 * it (see retryAllowed). Throws InvalidDurationError for a bad backoff duration.
 */
export function retryDelay(strategy: RetryStrategy, attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`retry attempt must be a positive integer, got ${attempt}`);
  }
  return delayOf(resolveBackoff(strategy), attempt);
}

/** Whether another retry may follow `retriesSoFar` retries (Argo: count < limit, or limit < 0). */
export function retryAllowed(strategy: RetryStrategy, retriesSoFar: number): boolean {
  const limit = strategy.limit ?? 0;
  return limit < 0 || retriesSoFar < limit;
}

/**
 * The delays of every retry the strategy allows, in order: `limit` entries (none for 0). For
 * an unlimited (negative) limit, the delays until they settle: every later retry waits as long
 * as the last entry. A delay that never settles (no cap, factor above 1) is listed up to
 * UNLIMITED_SCHEDULE_LENGTH entries.
 */
export function retrySchedule(strategy: RetryStrategy): number[] {
  const backoff = resolveBackoff(strategy);
  const limit = strategy.limit ?? 0;
  if (limit >= 0) {
    return Array.from({ length: Math.floor(limit) }, (_, i) => delayOf(backoff, i + 1));
  }
  const delays = [delayOf(backoff, 1)];
  while (delays.length < UNLIMITED_SCHEDULE_LENGTH) {
    const next = delayOf(backoff, delays.length + 1);
    if (next === delays[delays.length - 1] || !Number.isFinite(next)) break;
    delays.push(next);
  }
  return delays;
}
