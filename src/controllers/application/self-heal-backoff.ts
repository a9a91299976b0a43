/**
 * Back-off between self-heals of one app, so a fight with another controller that
 * keeps changing the same field does not spin: the first self-heal runs at once, the
 * next ones wait 2 s × 3^(n-1), at most 5 minutes (Argo CD's selfHealBackoff
 * defaults); the count resets after 5 minutes without drift.
 */
export class SelfHealBackoff {
  private readonly attempts = new Map<string, { count: number; last: number }>();

  constructor(
    private readonly baseMs = 2000,
    private readonly factor = 3,
    private readonly maxMs = 300_000,
    private readonly resetMs = 300_000,
  ) {}

  /** Milliseconds to wait before self-healing `app` now (0: go ahead). */
  delay(app: string, now: number): number {
    const a = this.attempts.get(app);
    if (!a || now - a.last > this.resetMs) return 0;
    const wait = Math.min(this.baseMs * this.factor ** (a.count - 1), this.maxMs);
    return Math.max(0, a.last + wait - now);
  }

  record(app: string, now: number): void {
    const a = this.attempts.get(app);
    const count = !a || now - a.last > this.resetMs ? 1 : a.count + 1;
    this.attempts.set(app, { count, last: now });
  }
}
