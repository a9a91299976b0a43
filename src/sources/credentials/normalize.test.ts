import { describe, expect, it } from 'vitest';
import { normalizeRepoURL, sameRepoURL } from './normalize.js';

describe('normalizeRepoURL', () => {
  it.each<[string, string]>([
    ['https://github.com/argoproj/argo-cd', 'https://github.com/argoproj/argo-cd'],
    ['https://github.com/argoproj/argo-cd.git', 'https://github.com/argoproj/argo-cd'],
    ['  https://GitHub.com/ArgoProj/Argo-CD.git  ', 'https://github.com/argoproj/argo-cd'],
    ['https://github.com/argoproj/', 'https://github.com/argoproj/'],
    ['git@github.com:argoproj/argo-cd.git', 'git@github.com/argoproj/argo-cd'],
    ['ssh://git@github.com/argoproj/argo-cd', 'git@github.com/argoproj/argo-cd'],
    ['https://git.example.com:8443/org', 'https://git.example.com:8443/org'],
    ['https://[::1]:8443/repo', 'https://[::1]:8443/repo'],
    ['registry.example.com:5000/team', 'registry.example.com:5000/team'],
    ['file:///var/git/team', 'file:///var/git/team'],
    ['/var/git/team', '/var/git/team'],
    ['https://{github,gitlab}.com/org', ''],
    ['ssh://git@github.com:argoproj', ''],
    ['https://host/a%zz', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeRepoURL(input)).toBe(expected);
  });
});

describe('sameRepoURL', () => {
  it.each<[string, string, boolean]>([
    ['https://github.com/org/repo', 'https://github.com/org/repo.git', true],
    ['https://GITHUB.com/org/repo', 'https://github.com/org/repo', true],
    ['git@github.com:org/repo.git', 'ssh://git@github.com/org/repo', true],
    ['https://github.com/org/repo', 'https://github.com/org/repo/', false],
    ['https://github.com/org/repo', 'http://github.com/org/repo', false],
    ['https://github.com/org/repo', 'https://github.com/org/repo2', false],
    ['ssh://git@h:bad/x', 'ssh://git@h:bad/x', true],
    ['', '', false],
  ])('%j vs %j → %s', (left, right, expected) => {
    expect(sameRepoURL(left, right)).toBe(expected);
  });
});
