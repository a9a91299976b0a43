import { describe, expect, it } from 'vitest';
import { repoIdentity, usesRepository } from './url.js';

describe('repoIdentity', () => {
  it.each([
    ['https://github.com/Example-Org/gitops', 'github.com/example-org/gitops'],
    ['https://github.com/example-org/gitops.git', 'github.com/example-org/gitops'],
    ['https://github.com/example-org/gitops/', 'github.com/example-org/gitops'],
    ['http://github.com/example-org/gitops', 'github.com/example-org/gitops'],
    ['git@github.com:example-org/gitops.git', 'github.com/example-org/gitops'],
    ['ssh://git@github.com/example-org/gitops.git', 'github.com/example-org/gitops'],
    ['ssh://git@ssh.github.com:443/example-org/gitops.git', 'github.com/example-org/gitops'],
    ['ssh://git@altssh.gitlab.com:443/group/sub/proj.git', 'gitlab.com/group/sub/proj'],
    ['git://github.com/example-org/gitops.git', 'github.com/example-org/gitops'],
    ['https://user:token@gitlab.example.com:8443/group/proj.git', 'gitlab.example.com/group/proj'],
    ['github.com/example-org/gitops', 'github.com/example-org/gitops'],
    ['  https://GitHub.com/Example-Org/GitOps.git  ', 'github.com/example-org/gitops'],
  ])('%s → %s', (url, identity) => {
    expect(repoIdentity(url)).toBe(identity);
  });
});

describe('usesRepository', () => {
  const github = ['https://github.com/Example-Org/gitops', 'git@github.com:Example-Org/gitops.git'];
  const bitbucket = [
    'ssh://git@bitbucket.example.com:7999/ops/manifests.git',
    'https://bitbucket.example.com/scm/ops/manifests.git',
  ];
  it.each<[string, string[], boolean]>([
    ['https://github.com/example-org/gitops.git', github, true],
    ['git@github.com:example-org/gitops', github, true],
    ['ssh://git@github.com/Example-Org/gitops.git', github, true],
    ['https://github.com/example-org/gitops-staging', github, false],
    ['https://github.com/other-org/gitops', github, false],
    ['https://gitlab.com/example-org/gitops', github, false],
    ['https://github.com/example-org', github, false],
    ['ssh://git@bitbucket.example.com:7999/ops/manifests.git', bitbucket, true],
    ['https://bitbucket.example.com/scm/ops/manifests', bitbucket, true],
    ['https://bitbucket.example.com/projects/OPS/repos/manifests', bitbucket, false],
  ])('%s', (repoURL, urls, expected) => {
    expect(usesRepository(repoURL, urls)).toBe(expected);
  });
});
