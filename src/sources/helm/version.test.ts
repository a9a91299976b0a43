import { describe, expect, it } from 'vitest';
import { pickVersion } from './version.js';

describe('pickVersion', () => {
  const available = ['1.2.0', '1.2.1', '1.3.0', '2.0.0-rc.1', '0.9.0'];
  it.each([
    ['1.2.0', '1.2.0'],
    ['~1.2.0', '1.2.1'],
    ['>=1.0.0', '1.3.0'],
    ['*', '1.3.0'],
    ['', '1.3.0'],
    ['^0.9', '0.9.0'],
    ['2.0.0-rc.1', '2.0.0-rc.1'],
    ['>=2.0.0-0', '2.0.0-rc.1'],
    ['~3.0.0', undefined],
    ['not a version', undefined],
  ])('%j picks %j', (wanted, expected) => {
    expect(pickVersion(available, wanted)).toBe(expected);
  });
});
