/**
 * Flux's event rate limit: the same event (object, reason, message) is delivered once
 * per window (Flux's notification-controller uses 5 minutes), so a controller that
 * records an identical Event on every retry does not flood a receiver.
 */
export const DEFAULT_DEDUPE_WINDOW_MS = 5 * 60_000;

export class DedupeWindow {
  private readonly lastSent = new Map<string, number>();

  constructor(
    private readonly windowMs = DEFAULT_DEDUPE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `key` was not seen within the window; remembers it as seen now. */
  admit(key: string): boolean {
    const now = this.now();
    const last = this.lastSent.get(key);
    if (last !== undefined && now - last < this.windowMs) return false;
    this.lastSent.set(key, now);
    if (this.lastSent.size > 10_000) this.forgetOlderThan(now - this.windowMs);
    return true;
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [key, at] of this.lastSent) if (at < cutoff) this.lastSent.delete(key);
  }
}
