import { describe, expect, it } from 'vitest';
import { annotated } from './fixtures.js';
import { syncWave } from './wave.js';

const wave = 'argocd.argoproj.io/sync-wave';
const weight = 'helm.sh/hook-weight';

describe('syncWave', () => {
  it.each<[string, Record<string, string>, number]>([
    ['0 by default', {}, 0],
    ['a positive wave', { [wave]: '5' }, 5],
    ['a negative wave', { [wave]: '-3' }, -3],
    ['a plus sign', { [wave]: '+2' }, 2],
    ['minus zero is zero', { [wave]: '-0' }, 0],
    ['not a number', { [wave]: 'abc' }, 0],
    ['not an integer', { [wave]: '1.5' }, 0],
    ['spaces are not trimmed (as strconv.Atoi)', { [wave]: ' 5' }, 0],
    ['too large', { [wave]: '99999999999999999999' }, 0],
    ['helm hook weight', { [weight]: '7' }, 7],
    ['the sync wave wins over the hook weight', { [wave]: '2', [weight]: '7' }, 2],
    ['an invalid sync wave falls back to the hook weight', { [wave]: 'x', [weight]: '-7' }, -7],
  ])('%s', (_, annotations, expected) => {
    expect(syncWave(annotated(annotations))).toBe(expected);
  });

  it('reads an unquoted YAML number', () => {
    const obj = annotated();
    obj.metadata.annotations = { [wave]: 4 } as unknown as Record<string, string>;
    expect(syncWave(obj)).toBe(4);
  });
});
