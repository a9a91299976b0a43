import { describe, expect, it } from 'vitest';
import { gitPathspecMatch, goPathMatch } from './glob.js';

describe('goPathMatch (Go path.Match, git directory generator)', () => {
  it.each([
    ['apps/*', 'apps/guestbook', true],
    ['apps/*', 'apps/guestbook/base', false],
    ['apps/*/*', 'apps/guestbook/base', true],
    ['apps/*', 'apps', false],
    ['apps/gu?st*', 'apps/guestbook', true],
    ['apps/[a-g]*', 'apps/guestbook', true],
    ['apps/[^a-g]*', 'apps/guestbook', false],
    ['apps/\\*', 'apps/*', true],
    ['apps/[', 'apps/[', false],
    [
      'applicationset/examples/git-generator-directory/cluster-addons/*',
      'applicationset/examples/git-generator-directory/cluster-addons/argo-workflows',
      true,
    ],
  ])('%s ~ %s → %s', (pattern, path, expected) => {
    expect(goPathMatch(pattern, path)).toBe(expected);
  });
});

describe('gitPathspecMatch (git ls-files pathspecs, git file generator)', () => {
  it.each([
    ['cluster-config/**/config.json', 'cluster-config/engineering/dev/config.json', true],
    ['cluster-config/*/config.json', 'cluster-config/engineering/dev/config.json', true],
    ['cluster-config/*.json', 'cluster-config/a/b.json', true],
    ['config.json', 'config.json', true],
    ['config.json', 'a/config.json', false],
    ['cluster-config', 'cluster-config/a.json', true],
    ['cluster-config/', 'cluster-config/a.json', true],
    ['**/stage.values.yaml', 'dev/stage.values.yaml', true],
    ['*.yaml', 'a.json', false],
    ['[!a]*.yaml', 'b.yaml', true],
  ])('%s ~ %s → %s', (pattern, path, expected) => {
    expect(gitPathspecMatch(pattern, path)).toBe(expected);
  });
});
