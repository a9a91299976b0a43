import { describe, expect, it } from 'vitest';
import {
  ImageAnnotationError,
  imageSettings,
  parseImageList,
  parseImageSpec,
  parseStrategy,
  writeBackConfig,
} from './annotations.js';

const P = 'argocd-image-updater.argoproj.io';

describe('image-list', () => {
  it.each([
    [
      'app=ghcr.io/org/my-app',
      { alias: 'app', image: 'ghcr.io/org/my-app', constraint: undefined, hasAlias: true },
    ],
    ['nginx:~1.26', { alias: 'nginx', image: 'nginx', constraint: '~1.26', hasAlias: false }],
    [
      'app=127.0.0.1:5000/org/my-app',
      { alias: 'app', image: '127.0.0.1:5000/org/my-app', constraint: undefined, hasAlias: true },
    ],
    [
      'app=localhost:5000/x:>=1.0, <2',
      { alias: 'app', image: 'localhost:5000/x', constraint: '>=1.0', hasAlias: true },
    ],
    [
      'argoproj/argocd=quay.io/argoproj/argocd:latest',
      { alias: 'argoproj/argocd', image: 'quay.io/argoproj/argocd', constraint: 'latest', hasAlias: true },
    ],
  ])('%s', (spec, expected) => {
    expect(parseImageSpec(spec.split(',')[0]!)).toEqual(expected);
  });

  it('reads several images, trimming spaces', () => {
    expect(parseImageList('fooalias=foo/bar, baralias=bar/foo').map((s) => s.alias)).toEqual([
      'fooalias',
      'baralias',
    ]);
  });

  it('refuses a duplicate alias and an empty alias', () => {
    expect(() => parseImageList('a=x/y,a=x/z')).toThrow(/alias "a" is used twice/);
    expect(() => parseImageList('=x/y')).toThrow(ImageAnnotationError);
  });
});

describe('per-image settings', () => {
  const spec = parseImageSpec('argoproj/argocd=quay.io/argoproj/argocd');

  it('has Argo defaults: semver, image.name / image.tag, any tag', () => {
    expect(imageSettings({}, parseImageSpec('app=x/y'))).toEqual({
      strategy: 'semver',
      allowTags: undefined,
      ignoreTags: [],
      pullSecret: undefined,
      helmImageName: 'image.name',
      helmImageTag: 'image.tag',
      helmImageSpec: undefined,
      kustomizeImageName: undefined,
      forceUpdate: false,
      insecure: false,
    });
  });

  it('reads an alias with / under its _ key', () => {
    const s = imageSettings(
      {
        [`${P}/argoproj_argocd.update-strategy`]: 'latest',
        [`${P}/argoproj_argocd.allow-tags`]: 'regexp:^v1',
        [`${P}/argoproj_argocd.ignore-tags`]: 'v1.0.*, *-rc*',
        [`${P}/argoproj_argocd.pull-secret`]: 'pullsecret:argocd/regcred',
        [`${P}/argoproj_argocd.helm.image-name`]: 'image.repository',
        [`${P}/argoproj_argocd.force-update`]: 'true',
      },
      spec,
    );
    expect(s).toMatchObject({
      strategy: 'newest-build',
      allowTags: 'regexp:^v1',
      ignoreTags: ['v1.0.*', '*-rc*'],
      pullSecret: 'pullsecret:argocd/regcred',
      helmImageName: 'image.repository',
      helmImageTag: 'image.tag',
      forceUpdate: true,
    });
  });

  it.each([
    ['semver', 'semver'],
    ['latest', 'newest-build'],
    ['newest-build', 'newest-build'],
    ['name', 'alphabetical'],
    ['alphabetical', 'alphabetical'],
    ['digest', 'digest'],
  ])('strategy %s is %s', (value, strategy) => {
    expect(parseStrategy(value)).toBe(strategy);
  });

  it('names the valid strategies for a typo', () => {
    expect(() => parseStrategy('semvr')).toThrow(/unknown update-strategy "semvr"/);
  });
});

describe('write-back settings', () => {
  it('defaults to argocd', () => {
    expect(writeBackConfig({})).toMatchObject({ method: 'argocd', target: { kind: 'override' } });
  });

  it('reads git with a Secret, a base:target branch and a repository', () => {
    expect(
      writeBackConfig({
        [`${P}/write-back-method`]: 'git:secret:argocd/git-creds',
        [`${P}/git-branch`]: 'main:image-updater{{range .Images}}-{{.Name}}{{end}}',
        [`${P}/git-repository`]: 'https://example.com/repo.git',
        [`${P}/write-back-target`]: 'helmvalues:/helm/values.yaml',
      }),
    ).toEqual({
      method: 'git',
      credentials: { kind: 'secret', namespace: 'argocd', name: 'git-creds' },
      branch: 'main',
      writeBranch: 'image-updater{{range .Images}}-{{.Name}}{{end}}',
      repository: 'https://example.com/repo.git',
      target: { kind: 'helmvalues', path: '/helm/values.yaml' },
    });
  });

  it('reads `:target` (the source branch, another push branch) and kustomization targets', () => {
    const c = writeBackConfig({
      [`${P}/write-back-method`]: 'git',
      [`${P}/git-branch`]: ':updates',
      [`${P}/write-back-target`]: 'kustomization:../base',
    });
    expect(c).toMatchObject({
      credentials: { kind: 'repocreds' },
      branch: undefined,
      writeBranch: 'updates',
    });
    expect(c.target).toEqual({ kind: 'kustomization', path: '../base' });
  });

  it('refuses unknown methods and targets', () => {
    expect(() => writeBackConfig({ [`${P}/write-back-method`]: 'svn' })).toThrow(/unknown write-back-method/);
    expect(() => writeBackConfig({ [`${P}/write-back-target`]: 'values.yaml' })).toThrow(
      /unknown write-back-target/,
    );
  });
});
