import { describe, expect, it } from 'vitest';
import { FetchGate } from './fetch-gate.js';

/** A fetch that finishes when told, counting how often it started. */
function manualFetch(): { fetch: () => Promise<void>; count: () => number; finish: (err?: Error) => void } {
  let count = 0;
  const waiting: Array<(err?: Error) => void> = [];
  return {
    fetch: () => {
      count++;
      return new Promise<void>((resolve, reject) => waiting.push((err) => (err ? reject(err) : resolve())));
    },
    count: () => count,
    finish: (err) => waiting.shift()?.(err),
  };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('FetchGate', () => {
  it('shares a running fetch between callers', async () => {
    const gate = new FetchGate(0);
    const f = manualFetch();
    const calls = [gate.run('r', f.fetch), gate.run('r', f.fetch), gate.run('r', f.fetch)];
    f.finish();
    await Promise.all(calls);
    expect(f.count()).toBe(1);
  });

  it('keeps repositories apart', async () => {
    const gate = new FetchGate(0);
    const f = manualFetch();
    const calls = [gate.run('a', f.fetch), gate.run('b', f.fetch)];
    f.finish();
    f.finish();
    await Promise.all(calls);
    expect(f.count()).toBe(2);
  });

  it.each<[string, number, { force?: boolean; required?: boolean }, number]>([
    ['skips within the interval', 10, {}, 1],
    ['fetches after the interval', 1000, {}, 2],
    ['fetches within the interval when forced', 10, { force: true }, 2],
    ['fetches within the interval when required', 10, { required: true }, 2],
  ])('%s', async (_name, elapsed, options, expected) => {
    let now = 0;
    const gate = new FetchGate(100, () => now);
    let count = 0;
    const fetch = (): Promise<void> => Promise.resolve(void count++);
    await gate.run('r', fetch);
    now += elapsed;
    await gate.run('r', fetch, options);
    expect(count).toBe(expected);
  });

  it('does not count a failed fetch as recent, and shares its failure', async () => {
    const gate = new FetchGate(60_000);
    const f = manualFetch();
    const calls = [gate.run('r', f.fetch), gate.run('r', f.fetch)];
    f.finish(new Error('offline'));
    for (const call of calls) await expect(call).rejects.toThrow('offline');
    const next = gate.run('r', f.fetch);
    f.finish();
    await next;
    expect(f.count()).toBe(2);
  });

  it('makes a forced caller wait for a fetch that started after it asked', async () => {
    const gate = new FetchGate(0);
    const f = manualFetch();
    const early = gate.run('r', f.fetch);
    const forced = [gate.run('r', f.fetch, { force: true }), gate.run('r', f.fetch, { force: true })];
    f.finish();
    await early;
    await tick();
    expect(f.count()).toBe(2);
    f.finish();
    await Promise.all(forced);
    expect(f.count()).toBe(2);
  });
});
