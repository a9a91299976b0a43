/** Small helpers every action shares: failure bookkeeping and Go-style durations. */
import type { HelmRelease } from '../../../../api/flux/index.js';

/** A Helm action failed without changing Helm's storage: nothing to remediate, retry later. */
export class RetryableActionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryableActionError';
  }
}

/** Milliseconds as a Go duration string ("1m2.5s", "850ms"). */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 10) / 100;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

export function countAnyFailure(hr: HelmRelease): void {
  const status = (hr.status ??= {});
  status.failures = (status.failures ?? 0) + 1;
}

/** The last line helm printed that says what went wrong, trimmed for a condition message. */
export function errorText(err: Error): string {
  return err.message.trim().slice(0, 2000);
}
