import { describe, expect, it } from 'vitest';
import { chooseTag, filterTags, globToRegExp, parseConstraint, tagVersion } from './tags.js';

const seedTags = ['1.0.0', '1.1.0', '1.2.0-rc.1', '2.0.0-bad', 'v2.0.0', 'v2', 'latest'];
const candidates = (tags: string[]): Array<{ tag: string }> => tags.map((tag) => ({ tag }));

describe('filters', () => {
  it("keeps what the seed's allow-tags admits: plain x.y.z", () => {
    expect(filterTags(seedTags, 'regexp:^[0-9]+\\.[0-9]+\\.[0-9]+$', [])).toEqual(['1.0.0', '1.1.0']);
  });

  it('any and no allow-tags keep everything; an invalid expression is a clear error', () => {
    expect(filterTags(seedTags, 'any', [])).toEqual(seedTags);
    expect(filterTags(seedTags, undefined, [])).toEqual(seedTags);
    expect(() => filterTags(seedTags, 'regexp:([', [])).toThrow(/allow-tags "regexp:\(\["/);
    expect(() => filterTags(seedTags, '^1', [])).toThrow(/regexp:<expression> or any/);
  });

  it('ignore-tags are globs; "*" ignores everything', () => {
    expect(filterTags(seedTags, undefined, ['v*', 'latest', '*-rc.?'])).toEqual([
      '1.0.0',
      '1.1.0',
      '2.0.0-bad',
    ]);
    expect(filterTags(seedTags, undefined, ['*'])).toEqual([]);
    expect(filterTags(['1.0.0', '1x0x0'], undefined, ['1.0.0'])).toEqual(['1x0x0']);
    expect(globToRegExp('[0-9].*').test('1.2')).toBe(true);
  });
});

describe('versions and constraints', () => {
  it('reads tags leniently, as Masterminds/semver', () => {
    expect(tagVersion('v2')?.version).toBe('2.0.0');
    expect(tagVersion('1.2')?.version).toBe('1.2.0');
    expect(tagVersion('1.2.0-rc.1')?.version).toBe('1.2.0-rc.1');
    expect(tagVersion('latest')).toBeUndefined();
  });

  it('reads comma-separated constraints', () => {
    expect(parseConstraint('>=1.0, <2').test('1.9.0')).toBe(true);
    expect(parseConstraint('~1.2').test('1.3.0')).toBe(false);
    expect(() => parseConstraint('not a range')).toThrow(/not valid/);
  });
});

describe('strategies', () => {
  it('semver: the highest version; without a constraint pre-releases count (as in Argo)', () => {
    expect(chooseTag('semver', candidates(seedTags))).toEqual({ tag: 'v2.0.0' });
    expect(chooseTag('semver', candidates(['1.0.0', '1.1.0']))).toEqual({ tag: '1.1.0' });
    expect(chooseTag('semver', candidates(seedTags), '~1.1')).toEqual({ tag: '1.1.0' });
    expect(chooseTag('semver', candidates(seedTags), '^1.0.0')).toEqual({ tag: '1.1.0' });
    expect(chooseTag('semver', candidates(['latest']))).toBeUndefined();
  });

  it('newest-build: the most recent creation date', () => {
    const at = (s: string): Date => new Date(`2026-01-0${s}T00:00:00Z`);
    expect(
      chooseTag('newest-build', [
        { tag: 'b', created: at('3') },
        { tag: 'a', created: at('5') },
        { tag: 'c', created: at('1') },
        { tag: 'd' },
      ]),
    ).toEqual({ tag: 'a' });
  });

  it('alphabetical: the last name', () => {
    expect(chooseTag('alphabetical', candidates(['main-100', 'main-99', 'main-101']))).toEqual({
      tag: 'main-99',
    });
  });

  it('digest: the followed tag with its digest', () => {
    const list = [
      { tag: 'latest', digest: 'sha256:abc' },
      { tag: 'other', digest: 'sha256:def' },
    ];
    expect(chooseTag('digest', list, 'latest')).toEqual({ tag: 'latest', digest: 'sha256:abc' });
    expect(chooseTag('digest', list, 'missing')).toBeUndefined();
  });
});
