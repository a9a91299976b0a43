import { describe, expect, it } from 'vitest';
import { globMatch } from './glob.js';
import { normalizeRepoURL } from './repo-url.js';

describe('globMatch', () => {
  it.each([
    ['*', 'anything/at/all', '', true],
    ['*', 'a/b', '/', false],
    ['*', '', '', true],
    ['team-*', 'team-a', '', true],
    ['team-*', 'other', '', false],
    ['https://github.com/org/*', 'https://github.com/org/app', '/', true],
    ['https://github.com/org/*', 'https://github.com/org/a/b', '/', false],
    ['https://github.com/org/**', 'https://github.com/org/a/b', '/', true],
    ['a?c', 'abc', '', true],
    ['a?c', 'a/c', '/', false],
    ['[ab]x', 'bx', '', true],
    ['[!ab]x', 'bx', '', false],
    ['[a-c]x', 'cx', '', true],
    ['{dev,prod}-*', 'prod-eu', '', true],
    ['{dev,prod}-*', 'qa-eu', '', false],
    ['a.b', 'aXb', '', false],
    ['\\*', '*', '', true],
    ['\\*', 'x', '', false],
    ['[unclosed', '[unclosed', '', true],
    ['(a|b)+$', '(a|b)+$', '', true],
  ])('%s ~ %s (separators %j) is %s', (pattern, value, separators, expected) => {
    expect(globMatch(pattern, value, separators)).toBe(expected);
  });
});

describe('normalizeRepoURL', () => {
  it.each([
    ['https://GitHub.com/Org/Repo.git', 'https://github.com/org/repo'],
    ['  https://github.com/org/repo  ', 'https://github.com/org/repo'],
    ['git@github.com:org/repo.git', 'git@github.com/org/repo'],
    ['ssh://git@github.com/org/repo', 'git@github.com/org/repo'],
    ['ssh://git@github.com:org/repo', 'git@github.com/org/repo'],
    ['ssh://git@host:2222/org/repo', 'git@host:2222/org/repo'],
    ['oci://registry.example.com/charts', 'oci://registry.example.com/charts'],
  ])('%s -> %s', (url, expected) => {
    expect(normalizeRepoURL(url)).toBe(expected);
  });
});
