import { describe, expect, it } from 'vitest';
import { allImageReflectorCrds, imagePolicyErrors, imageRepositoryErrors } from './index.js';

const repo = (spec: Record<string, unknown>, apiVersion = 'image.toolkit.fluxcd.io/v1beta2'): unknown => ({
  apiVersion,
  kind: 'ImageRepository',
  metadata: { name: 'my-app' },
  spec: { image: 'ghcr.io/org/my-app', interval: '1m', ...spec },
});
const policy = (spec: Record<string, unknown>): unknown => ({
  apiVersion: 'image.toolkit.fluxcd.io/v1',
  kind: 'ImagePolicy',
  metadata: { name: 'my-app' },
  spec: { imageRepositoryRef: { name: 'my-app' }, ...spec },
});

describe('ImageRepository validation', () => {
  it('accepts v1 and v1beta2 as Flux users write them', () => {
    expect(imageRepositoryErrors(repo({}))).toEqual([]);
    expect(
      imageRepositoryErrors(repo({ exclusionList: ['^.*\\.sig$'] }, 'image.toolkit.fluxcd.io/v1')),
    ).toEqual([]);
  });

  it('names the field of each problem', () => {
    expect(imageRepositoryErrors(repo({ interval: 'often' }))).toEqual([
      'spec.interval must be a duration such as "30s", "5m" or "1h", got "often"',
    ]);
    expect(imageRepositoryErrors(repo({ image: 'ghcr.io/org/app:1.0' }))[0]).toContain(
      'spec.image: "ghcr.io/org/app:1.0" names a tag or digest',
    );
    expect(imageRepositoryErrors(repo({ exclusionList: ['('] }))[0]).toMatch(
      /^spec.exclusionList\[0\]: invalid regular expression/,
    );
    expect(imageRepositoryErrors(repo({ bogus: true })).join()).toContain('bogus');
    expect(imageRepositoryErrors(repo({}, 'image.toolkit.fluxcd.io/v1alpha1'))[0]).toContain(
      'apiVersion must be',
    );
  });
});

describe('ImagePolicy validation', () => {
  it('accepts the seed policy and the other choices', () => {
    expect(imagePolicyErrors(policy({ policy: { semver: { range: '>=1.0.0' } } }))).toEqual([]);
    expect(imagePolicyErrors(policy({ policy: { numerical: { order: 'desc' } } }))).toEqual([]);
  });

  it('wants exactly one policy, a valid range and pattern, interval only with Always', () => {
    expect(imagePolicyErrors(policy({ policy: {} }))).toContain(
      'spec.policy must have exactly one of semver, alphabetical, numerical; got 0',
    );
    expect(imagePolicyErrors(policy({ policy: { semver: { range: 'x y z' } } }))[0]).toContain(
      "spec.policy.semver.range: invalid semver range 'x y z'",
    );
    expect(
      imagePolicyErrors(policy({ policy: { alphabetical: {} }, filterTags: { pattern: '[' } }))[0],
    ).toContain('spec.filterTags.pattern');
    expect(imagePolicyErrors(policy({ policy: { alphabetical: {} }, interval: '5m' }))).toContain(
      "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'",
    );
    expect(
      imagePolicyErrors(policy({ policy: { alphabetical: {} }, digestReflectionPolicy: 'Always' })),
    ).toContain("spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'");
  });
});

it('the CRDs carry Flux names, v1 as storage and v1beta2 served, with a status subresource', () => {
  const crds = allImageReflectorCrds();
  expect(crds.map((c) => c.metadata.name)).toEqual([
    'imagerepositories.image.toolkit.fluxcd.io',
    'imagepolicies.image.toolkit.fluxcd.io',
  ]);
  for (const crd of crds) {
    const versions = (
      crd.spec as { versions: Array<{ name: string; storage: boolean; subresources: unknown }> }
    ).versions;
    expect(versions.map((v) => [v.name, v.storage])).toEqual([
      ['v1', true],
      ['v1beta2', false],
    ]);
    expect(versions.every((v) => v.subresources !== undefined)).toBe(true);
  }
});
