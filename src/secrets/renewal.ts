/**
 * Automatic key renewal, as the sealed-secrets controller does it: a new key when there is
 * none, when the newest is older than a cutoff, and then every `periodMs` after the newest
 * key's notBefore (default 30 days; 0 turns it off). Old keys are kept, so everything sealed
 * before still decrypts; `kubeseal --re-encrypt` / `ferry seal --re-encrypt` moves files on.
 */
import type { Logger } from '../util/log.js';

export const DEFAULT_RENEWAL_MS = 30 * 24 * 3600 * 1000;
/** setTimeout's ceiling; longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Whether a key must be made now: none yet, or the newest predates the cutoff. */
export function needsKeyNow(newest: Date | undefined, cutoff?: Date): boolean {
  return newest === undefined || (cutoff !== undefined && newest < cutoff);
}

/** Milliseconds until the next renewal is due (0: due now). */
export function renewalDelay(newest: Date, periodMs: number, now: Date): number {
  return Math.max(0, newest.getTime() + periodMs - now.getTime());
}

export interface RenewalTarget {
  newestKeyTime(): Date | undefined;
  renew(): Promise<unknown>;
}

export class KeyRenewal {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly target: RenewalTarget,
    private readonly periodMs: number,
    private readonly log: Logger,
  ) {}

  /** Schedules renewals; does nothing when the period is 0. */
  start(): void {
    if (this.periodMs <= 0 || this.stopped) return;
    const newest = this.target.newestKeyTime() ?? new Date(0);
    const delay = renewalDelay(newest, this.periodMs, new Date());
    this.timer = setTimeout(() => void this.tick(), Math.min(delay, MAX_TIMER_MS));
    this.timer.unref();
  }

  /** Reschedules from the newest key (after a manual renewal). */
  restart(): void {
    if (this.timer) clearTimeout(this.timer);
    this.start();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async tick(): Promise<void> {
    const newest = this.target.newestKeyTime() ?? new Date(0);
    if (renewalDelay(newest, this.periodMs, new Date()) === 0) {
      try {
        await this.target.renew();
      } catch (err) {
        this.log.error('key renewal failed; retrying in a minute', { error: (err as Error).message });
        if (!this.stopped) this.timer = setTimeout(() => void this.tick(), 60_000).unref();
        return;
      }
    }
    this.start();
  }
}
