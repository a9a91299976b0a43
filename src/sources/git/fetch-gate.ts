/**
 * When to fetch: concurrent callers for one repository share a fetch, and a fetch
 * that succeeded less than `minIntervalMs` ago makes another unnecessary, unless
 * forced. A forced caller only shares a fetch that started after it asked, so it
 * always sees the remote as it was at or after its call (a webhook's push is never missed).
 */

interface Entry {
  /** Number of fetches started. */
  started: number;
  running?: { seq: number; promise: Promise<void> };
  /** When the last successful fetch started. */
  lastSuccessAt?: number;
}

export interface GateOptions {
  /** Fetch even if one succeeded recently; never share one that started earlier. */
  force?: boolean;
  /** Fetch even if one succeeded recently (e.g. the mirror is missing). */
  required?: boolean;
}

export class FetchGate {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly minIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async run(key: string, fetch: () => Promise<void>, options: GateOptions = {}): Promise<void> {
    const entry = this.entry(key);
    const startedBeforeCall = entry.started;
    for (;;) {
      const running = entry.running;
      if (running && (!options.force || running.seq > startedBeforeCall)) return running.promise;
      if (running) {
        await running.promise.catch(() => undefined);
        continue;
      }
      if (!options.force && !options.required && this.fresh(entry)) return;
      return this.start(entry, fetch);
    }
  }

  private fresh(entry: Entry): boolean {
    return entry.lastSuccessAt !== undefined && this.now() - entry.lastSuccessAt < this.minIntervalMs;
  }

  private start(entry: Entry, fetch: () => Promise<void>): Promise<void> {
    const startedAt = this.now();
    const seq = ++entry.started;
    const promise = (async (): Promise<void> => {
      try {
        await fetch();
        entry.lastSuccessAt = startedAt;
      } finally {
        if (entry.running?.seq === seq) entry.running = undefined;
      }
    })();
    entry.running = { seq, promise };
    return promise;
  }

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { started: 0 }));
    return entry;
  }
}
