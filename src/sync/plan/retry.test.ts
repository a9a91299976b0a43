import { describe, expect, it } from 'vitest';
import { InvalidDurationError, formatDuration } from './duration.js';
import { thrown } from './fixtures.js';
import {
  type RetryStrategy,
  UNLIMITED_SCHEDULE_LENGTH,
  parseBackoffDuration,
  retryAllowed,
  retryDelay,
  retrySchedule,
} from './retry.js';

const seed: RetryStrategy = { limit: 3, backoff: { duration: '5s', factor: 2, maxDuration: '3m0s' } };

const schedule = (strategy: RetryStrategy): string[] => retrySchedule(strategy).map(formatDuration);

describe('retrySchedule', () => {
  it.each<[string, RetryStrategy, string[]]>([
    ['the seed: limit 3, 5s, x2, 3m0s', seed, ['5s', '10s', '20s']],
    ['no limit: no retries', {}, []],
    ['limit 0: no retries', { limit: 0, backoff: { duration: '1s' } }, []],
    [
      'defaults: 5s doubling, capped at 3m',
      { limit: 9 },
      ['5s', '10s', '20s', '40s', '1m20s', '2m40s', '3m0s', '3m0s', '3m0s'],
    ],
    [
      'Argo CD custom backoff: 2s x3 capped at 1m',
      { limit: 5, backoff: { duration: '2s', factor: 3, maxDuration: '1m' } },
      ['2s', '6s', '18s', '54s', '1m0s'],
    ],
    [
      'a bare integer is seconds',
      { limit: 2, backoff: { duration: '10', maxDuration: '15' } },
      ['10s', '15s'],
    ],
    ['factor 1 keeps the delay', { limit: 3, backoff: { factor: 1 } }, ['5s', '5s', '5s']],
    ['an explicit factor 0 is kept', { limit: 3, backoff: { factor: 0 } }, ['5s', '0s', '0s']],
    ['empty strings mean defaults', { limit: 2, backoff: { duration: '', maxDuration: '' } }, ['5s', '10s']],
    [
      'maxDuration 0 means no cap',
      { limit: 4, backoff: { duration: '1m', maxDuration: '0s' } },
      ['1m0s', '2m0s', '4m0s', '8m0s'],
    ],
    [
      'a negative limit is unlimited: delays until they settle',
      { limit: -1 },
      ['5s', '10s', '20s', '40s', '1m20s', '2m40s', '3m0s'],
    ],
    [
      'unlimited with factor 1 settles at once',
      { limit: -1, backoff: { duration: '30s', factor: 1 } },
      ['30s'],
    ],
  ])('%s', (_, strategy, expected) => {
    expect(schedule(strategy)).toEqual(expected);
  });

  it('lists a bounded prefix when an unlimited delay never settles', () => {
    const delays = retrySchedule({ limit: -1, backoff: { duration: '1ms', factor: 2, maxDuration: '0' } });
    expect(delays).toHaveLength(UNLIMITED_SCHEDULE_LENGTH);
    expect(delays.slice(0, 4)).toEqual([1, 2, 4, 8]);
  });

  it('throws a typed error for a bad backoff duration', () => {
    expect(() => retrySchedule({ limit: 1, backoff: { duration: 'soon' } })).toThrow(InvalidDurationError);
    const error = thrown(() => retrySchedule({ limit: 1, backoff: { maxDuration: '3 minutes' } }));
    expect(error).toBeInstanceOf(InvalidDurationError);
    expect(error).toMatchObject({ text: '3 minutes' });
  });
});

describe('retryDelay', () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [7, 180_000],
    [80, 180_000],
  ])('retry %d waits %d ms with the defaults', (attempt, ms) => {
    expect(retryDelay({}, attempt)).toBe(ms);
  });

  it('matches the schedule', () => {
    expect([1, 2, 3].map((n) => retryDelay(seed, n))).toEqual(retrySchedule(seed));
  });

  it.each([0, -1, 1.5])('refuses attempt %d', (attempt) => {
    expect(() => retryDelay(seed, attempt)).toThrow(RangeError);
  });
});

describe('retryAllowed', () => {
  it.each<[RetryStrategy, number, boolean]>([
    [seed, 0, true],
    [seed, 2, true],
    [seed, 3, false],
    [{}, 0, false],
    [{ limit: 0 }, 0, false],
    [{ limit: -1 }, 0, true],
    [{ limit: -1 }, 10_000, true],
  ])('%j after %d retries: %s', (strategy, retries, allowed) => {
    expect(retryAllowed(strategy, retries)).toBe(allowed);
  });
});

describe('parseBackoffDuration', () => {
  it.each([
    ['30', 30_000],
    ['-2', -2_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseBackoffDuration(text)).toBe(ms);
  });
});
