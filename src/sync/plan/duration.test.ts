import { describe, expect, it } from 'vitest';
import { InvalidDurationError, formatDuration, parseDuration } from './duration.js';
import { thrown } from './fixtures.js';

describe('parseDuration', () => {
  it.each([
    ['5s', 5_000],
    ['3m0s', 180_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['2m', 120_000],
    ['1h1m1s1ms', 3_661_001],
    ['1.5s', 1_500],
    ['1.5h', 5_400_000],
    ['.5s', 500],
    ['1.s', 1_000],
    ['100us', 0.1],
    ['100\u00b5s', 0.1],
    ['100\u03bcs', 0.1],
    ['1000ns', 0.001],
    ['+5s', 5_000],
    ['-5s', -5_000],
    ['0', 0],
    ['-0', 0],
    ['0s', 0],
    ['1m30s', 90_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'empty'],
    ['-', 'empty'],
    ['5', 'missing unit'],
    ['s', 'expected a number'],
    ['.s', 'expected a number'],
    ['5x', 'unknown unit "x"'],
    ['1e3s', 'unknown unit "e"'],
    ['1.2.3s', 'missing unit'],
    [' 5s', 'expected a number'],
    ['5s ', 'unknown unit "s "'],
    ['5 s', 'unknown unit " s"'],
    ['9999999999h', 'out of range'],
  ])('rejects %j (%s)', (text, reason) => {
    const error = thrown(() => parseDuration(text));
    expect(error).toBeInstanceOf(InvalidDurationError);
    expect(error).toMatchObject({ name: 'InvalidDurationError', text, reason });
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [5_000, '5s'],
    [180_000, '3m0s'],
    [60_000, '1m0s'],
    [61_000, '1m1s'],
    [5_400_000, '1h30m0s'],
    [7_200_000, '2h0m0s'],
    [3_661_001, '1h1m1.001s'],
    [1_500, '1.5s'],
    [500, '500ms'],
    [1.5, '1.5ms'],
    [0.1, '100\u00b5s'],
    [0.0015, '1.5\u00b5s'],
    [0.001, '1\u00b5s'],
    [0.000001, '1ns'],
    [-5_000, '-5s'],
    [-90_000, '-1m30s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each(['5s', '3m0s', '1h30m0s', '500ms', '1.5s', '2h0m0s', '1m1.25s'])(
    '%s survives a round trip',
    (text) => {
      expect(formatDuration(parseDuration(text))).toBe(text);
    },
  );

  it('refuses what is not a finite number', () => {
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
    expect(() => formatDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
