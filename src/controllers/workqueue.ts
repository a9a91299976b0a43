/**
 * A work queue of keys like client-go's: a key is queued at most once, is never
 * processed by two workers at once (an add while processing re-queues it after),
 * and can be added after a delay (retries, periodic resync).
 */
export type Worker = (key: string) => Promise<void>;

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private waiters: Array<() => void> = [];
  private stopped = false;

  add(key: string): void {
    if (this.stopped) return;
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.waiters.shift()?.();
  }

  /** Adds after `ms`; an earlier pending delayed add of the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) return this.add(key);
    const existing = this.timers.get(key);
    if (existing) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, ms);
    timer.unref();
    this.timers.set(key, timer);
  }

  get length(): number {
    return this.queue.length;
  }

  /** Runs `workers` concurrent loops until stop(). */
  run(workers: number, work: Worker, onError: (key: string, err: unknown) => void): Promise<void[]> {
    return Promise.all(Array.from({ length: workers }, () => this.loop(work, onError)));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const w of this.waiters) w();
    this.waiters = [];
  }

  private async loop(work: Worker, onError: (key: string, err: unknown) => void): Promise<void> {
    while (!this.stopped) {
      const key = this.queue.shift();
      if (key === undefined) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      this.queued.delete(key);
      this.processing.add(key);
      try {
        await work(key);
      } catch (err) {
        onError(key, err);
      } finally {
        this.processing.delete(key);
        if (this.dirty.delete(key)) this.add(key);
      }
    }
  }
}
