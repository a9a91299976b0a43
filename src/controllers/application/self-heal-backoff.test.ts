import { describe, expect, it } from 'vitest';
import { SelfHealBackoff } from './self-heal-backoff.js';

describe('SelfHealBackoff', () => {
  it('lets the first self-heal through and spaces the next ones 2s, 6s, 18s … up to 5m', () => {
    const b = new SelfHealBackoff();
    expect(b.delay('app', 0)).toBe(0);
    b.record('app', 0);
    expect(b.delay('app', 500)).toBe(1500);
    b.record('app', 2000);
    expect(b.delay('app', 2000)).toBe(6000);
    b.record('app', 8000);
    expect(b.delay('app', 8000)).toBe(18_000);
    for (let t = 26_000; t < 260_000; t += 20_000) b.record('app', t);
    expect(b.delay('app', 260_000)).toBeLessThanOrEqual(300_000);
  });

  it('forgets after five quiet minutes and keeps apps apart', () => {
    const b = new SelfHealBackoff();
    b.record('a', 0);
    expect(b.delay('b', 1)).toBe(0);
    expect(b.delay('a', 300_001)).toBe(0);
    b.record('a', 300_001);
    expect(b.delay('a', 300_002)).toBe(1999); // counting starts again at one
  });
});
