import { describe, expect, it } from 'vitest';
import { excludeTags, exclusionList, latestTags, scanResult, tagsRevision } from './scan.js';
import { tagPolicyOf } from './policy-spec.js';

describe('scan results as Flux reports them', () => {
  it('excludes .sig tags by default and the given patterns otherwise', () => {
    const tags = ['1.0.0', 'sha256-abc.sig', 'latest'];
    expect(excludeTags(tags, exclusionList({ image: 'x', interval: '1m' }))).toEqual(['1.0.0', 'latest']);
    expect(
      excludeTags(tags, exclusionList({ image: 'x', interval: '1m', exclusionList: ['^latest$'] })),
    ).toEqual(['1.0.0', 'sha256-abc.sig']);
    expect(excludeTags(tags, exclusionList({ image: 'x', interval: '1m', exclusionList: [] }))).toEqual(tags);
  });

  it('latestTags: the first 10 in descending string order', () => {
    const tags = Array.from({ length: 12 }, (_, i) => `1.${i}.0`);
    expect(latestTags(tags)).toEqual([
      '1.9.0',
      '1.8.0',
      '1.7.0',
      '1.6.0',
      '1.5.0',
      '1.4.0',
      '1.3.0',
      '1.2.0',
      '1.11.0',
      '1.10.0',
    ]);
  });

  it('the revision ignores the registry order of tags', () => {
    expect(tagsRevision(['b', 'a'])).toBe(tagsRevision(['a', 'b']));
    expect(tagsRevision(['a'])).not.toBe(tagsRevision(['a', 'b']));
  });

  it('an empty scan has no latestTags field', () => {
    expect(scanResult([], new Date('2026-01-01T00:00:00Z'))).toEqual({
      revision: tagsRevision([]),
      tagCount: 0,
      scanTime: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('ImagePolicy spec → TagPolicy', () => {
  const ref = { name: 'my-app' };
  it('maps each choice with Flux defaults', () => {
    expect(tagPolicyOf({ imageRepositoryRef: ref, policy: { semver: { range: '>=1.0.0' } } })).toEqual({
      kind: 'semver',
      range: '>=1.0.0',
      filter: undefined,
    });
    expect(tagPolicyOf({ imageRepositoryRef: ref, policy: { alphabetical: {} } })).toMatchObject({
      kind: 'alphabetical',
      order: 'asc',
    });
    expect(
      tagPolicyOf({
        imageRepositoryRef: ref,
        policy: { numerical: { order: 'desc' } },
        filterTags: { pattern: '^b-(?P<n>\\d+)$', extract: '$n' },
      }),
    ).toEqual({ kind: 'numerical', order: 'desc', filter: { pattern: '^b-(?P<n>\\d+)$', extract: '$n' } });
  });

  it('an empty extract means the tag itself', () => {
    const policy = tagPolicyOf({
      imageRepositoryRef: ref,
      policy: { alphabetical: {} },
      filterTags: { pattern: 'x', extract: '' },
    });
    expect(policy.filter).toEqual({ pattern: 'x', extract: undefined });
  });

  it('no choice is an invalid policy', () => {
    expect(() => tagPolicyOf({ imageRepositoryRef: ref, policy: {} })).toThrow('spec.policy names no policy');
  });
});
