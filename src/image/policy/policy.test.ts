import { describe, expect, it } from 'vitest';
import { selectTag, TagPolicyError, expand, goRegExp, type TagPolicy } from './index.js';

const seedTags = ['1.0.0', '1.1.0', '1.2.0-rc.1', '2.0.0-bad'];

function failure(tags: string[], policy: TagPolicy): TagPolicyError {
  try {
    selectTag(tags, policy);
  } catch (err) {
    if (err instanceof TagPolicyError) return err;
    throw err;
  }
  throw new Error('expected a TagPolicyError');
}

describe('semver', () => {
  it('picks the highest stable version in range, skipping prereleases and non-versions', () => {
    expect(selectTag(seedTags, { kind: 'semver', range: '>=1.0.0' })).toBe('1.1.0');
  });

  it('treats 2.0.0-bad as a prerelease of 2.0.0 that a stable range excludes', () => {
    expect(selectTag(['1.0.0', '2.0.0-bad'], { kind: 'semver', range: '>=1.0.0' })).toBe('1.0.0');
  });

  it('includes prereleases when the range names one (Masterminds ^1.x-0)', () => {
    expect(selectTag(seedTags, { kind: 'semver', range: '^1.x-0' })).toBe('1.2.0-rc.1');
    expect(selectTag(seedTags, { kind: 'semver', range: '>=1.0.0-0' })).toBe('2.0.0-bad');
  });

  it('reads a leading v and returns the tag as written', () => {
    expect(selectTag(['v1.0.0', 'v1.3.2', 'latest'], { kind: 'semver', range: '1.x' })).toBe('v1.3.2');
  });

  it('does not read 1.2 as a version (strict, as Flux)', () => {
    expect(selectTag(['1.2', '1.1.9'], { kind: 'semver', range: '>=1.0.0' })).toBe('1.1.9');
  });

  it('accepts Masterminds commas as AND and x-ranges', () => {
    expect(selectTag(['1.0.5', '1.1.0', '2.0.0'], { kind: 'semver', range: '>= 1.0, < 1.1' })).toBe('1.0.5');
    expect(selectTag(['5.1.3', '5.1.4', '5.2.0'], { kind: 'semver', range: '5.1.x' })).toBe('5.1.4');
  });

  it('says clearly when no tag is in range', () => {
    const err = failure(seedTags, { kind: 'semver', range: '>=5.0.0' });
    expect(err.reason).toBe('NoMatch');
    expect(err.message).toBe("no tag of 4 tags is a version in the semver range '>=5.0.0'");
  });

  it('rejects an invalid range as a policy error', () => {
    const err = failure(seedTags, { kind: 'semver', range: 'not a range!' });
    expect(err.reason).toBe('InvalidPolicy');
    expect(err.message).toContain("invalid semver range 'not a range!'");
  });
});

describe('alphabetical', () => {
  const tags = ['a', 'c', 'b'];
  it('asc picks the last, desc the first', () => {
    expect(selectTag(tags, { kind: 'alphabetical', order: 'asc' })).toBe('c');
    expect(selectTag(tags, { kind: 'alphabetical', order: 'desc' })).toBe('a');
  });

  it('sorts byte-wise like Go (upper case before lower case)', () => {
    expect(selectTag(['Z', 'a'], { kind: 'alphabetical', order: 'asc' })).toBe('a');
  });
});

describe('numerical', () => {
  it('compares numbers, not strings', () => {
    expect(selectTag(['9', '10', '2'], { kind: 'numerical', order: 'asc' })).toBe('10');
    expect(selectTag(['9', '10', '2'], { kind: 'numerical', order: 'desc' })).toBe('2');
    expect(selectTag(['1.5', '1.25'], { kind: 'numerical', order: 'asc' })).toBe('1.5');
  });

  it('fails on a tag that is not a number, as Flux does', () => {
    const err = failure(['1', 'latest'], { kind: 'numerical', order: 'asc' });
    expect(err.reason).toBe('InvalidPolicy');
    expect(err.message).toContain("tag 'latest' is not a number");
  });
});

describe('filterTags', () => {
  it('keeps only matching tags (unanchored) before ordering', () => {
    const policy: TagPolicy = { kind: 'alphabetical', order: 'asc', filter: { pattern: 'rc' } };
    expect(selectTag(['1.0.0-rc.1', '1.0.0-rc.2', 'zzz'], policy)).toBe('1.0.0-rc.2');
  });

  it('extracts a named group ($name) and returns the original tag', () => {
    const policy: TagPolicy = {
      kind: 'alphabetical',
      order: 'asc',
      filter: { pattern: '^RELEASE\\.(?P<timestamp>.*)Z$', extract: '$timestamp' },
    };
    const tags = ['RELEASE.2024-01-02T10-00-00Z', 'RELEASE.2024-03-01T09-00-00Z', 'latest'];
    expect(selectTag(tags, policy)).toBe('RELEASE.2024-03-01T09-00-00Z');
  });

  it('extracts build numbers for numerical order', () => {
    const policy: TagPolicy = {
      kind: 'numerical',
      order: 'asc',
      filter: { pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)', extract: '$ts' },
    };
    expect(selectTag(['main-abc1-99', 'main-def2-100', 'latest'], policy)).toBe('main-def2-100');
  });

  it('says clearly when the pattern matches nothing', () => {
    const err = failure(seedTags, { kind: 'semver', range: '*', filter: { pattern: '^v' } });
    expect(err.reason).toBe('NoMatch');
    expect(err.message).toBe("none of the 4 tags matches the filterTags pattern '^v'");
  });

  it('rejects an invalid pattern', () => {
    expect(failure(seedTags, { kind: 'semver', range: '*', filter: { pattern: '(' } }).reason).toBe(
      'InvalidPolicy',
    );
  });
});

describe('Go regexp helpers', () => {
  it('expands $name, ${name}, $1 and $$ like Go', () => {
    const m = goRegExp('(?P<major>\\d+)\\.(?P<minor>\\d+)').exec('12.34')!;
    expect(expand('$major-${minor}-$2-$$-$missing', m)).toBe('12-34-34-$-');
  });

  it('takes a leading (?i) as a flag', () => {
    expect(goRegExp('(?i)^rel').test('RELEASE')).toBe(true);
  });
});

it('reports an empty repository', () => {
  expect(failure([], { kind: 'alphabetical', order: 'asc' }).message).toBe(
    'the image repository has no tags',
  );
});
