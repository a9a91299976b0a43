/**
 * Client-side rate limiting for one cluster, like client-go's QPS and burst: a token
 * bucket that holds up to `burst` requests and refills at `qps` per second. Requests
 * beyond it wait their turn instead of flooding the API server.
 */
export interface RateLimit {
  /** Sustained requests per second; 0 or less turns limiting off. */
  qps: number;
  /** Requests allowed at once after a quiet period. */
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.tokens = Math.max(1, limit.burst);
    this.last = this.now();
  }

  /** Resolves when a request may go; callers are served in order. */
  take(): Promise<void> {
    if (this.limit.qps <= 0) return Promise.resolve();
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn;
    return turn;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(
        Math.max(1, this.limit.burst),
        this.tokens + ((now - this.last) / 1000) * this.limit.qps,
      );
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.limit.qps) * 1000)));
    }
  }
}
