/** Clocks and waiting, in one place so every phase measures time the same way. */
import { performance } from 'node:perf_hooks';

/** Milliseconds on a monotonic clock. */
export function now(): number {
  return performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function seconds(ms: number): number {
  return ms / 1000;
}

/** Runs `work` over `items` with at most `limit` in flight; resolves when all are done. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
