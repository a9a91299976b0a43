import { describe, expect, it } from 'vitest';
import { needsKeyNow, renewalDelay } from './renewal.js';

const day = 24 * 3600 * 1000;

describe('key renewal schedule', () => {
  it('needs a key when there is none, or the newest predates the cutoff', () => {
    expect(needsKeyNow(undefined)).toBe(true);
    expect(needsKeyNow(new Date('2026-01-01'))).toBe(false);
    expect(needsKeyNow(new Date('2026-01-01'), new Date('2026-02-01'))).toBe(true);
    expect(needsKeyNow(new Date('2026-03-01'), new Date('2026-02-01'))).toBe(false);
  });

  it('renews one period after the newest key, at once when overdue', () => {
    const now = new Date('2026-01-11T00:00:00Z');
    expect(renewalDelay(new Date('2026-01-01T00:00:00Z'), 30 * day, now)).toBe(20 * day);
    expect(renewalDelay(new Date('2025-01-01T00:00:00Z'), 30 * day, now)).toBe(0);
  });
});
