import { describe, expect, it } from 'vitest';
import { parseBackoffDuration, parseGoDuration } from './duration.js';

describe('parseGoDuration', () => {
  it.each([
    ['0', 0],
    ['5s', 5000],
    ['3m0s', 180_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['.5s', 500],
    ['300ms', 300],
    ['1500us', 1.5],
    ['-2m', -120_000],
    ['+1s', 1000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms);
  });

  it.each(['', '5', '5x', '3 minutes', 's', '1d', '1h-5m', '.s', ' 5s'])('%j is not a duration', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});

describe('parseBackoffDuration', () => {
  it.each([
    ['30', 30_000],
    ['5s', 5000],
    ['2m', 120_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseBackoffDuration(text)).toBe(ms);
  });

  it('rejects what is neither seconds nor a duration', () => {
    expect(parseBackoffDuration('5x')).toBeUndefined();
  });
});
