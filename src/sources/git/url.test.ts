import { describe, expect, it } from 'vitest';
import { normalizeForCache, repoKey, scrub, splitCredentials } from './url.js';

describe('splitCredentials', () => {
  it.each<[string, ReturnType<typeof splitCredentials>]>([
    ['https://github.com/org/repo.git', { url: 'https://github.com/org/repo.git' }],
    ['https://u:p%40ss@host/r.git', { url: 'https://host/r.git', username: 'u', password: 'p@ss' }],
    ['http://tok@host/r', { url: 'http://host/r', username: 'tok', password: undefined }],
    ['  https://host/r  ', { url: 'https://host/r' }],
    ['git@github.com:org/repo.git', { url: 'git@github.com:org/repo.git' }],
    ['ssh://git@host/repo', { url: 'ssh://git@host/repo' }],
  ])('%s', (input, expected) => {
    expect(splitCredentials(input)).toEqual(expected);
  });
});

describe('normalizeForCache', () => {
  it.each<[string, string]>([
    ['https://GitHub.com/Org/Repo.git', 'https://github.com/Org/Repo'],
    ['https://github.com/Org/Repo/', 'https://github.com/Org/Repo'],
    ['https://user:secret@github.com/Org/Repo.git/', 'https://github.com/Org/Repo'],
    ['HTTP://Host:8080/r', 'http://host:8080/r'],
    ['ssh://git@GitHub.com/org/repo.git', 'ssh://git@github.com/org/repo'],
    ['git@GitHub.com:org/repo.git', 'git@github.com:org/repo'],
    ['/srv/git/repo.git', '/srv/git/repo'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeForCache(input)).toBe(expected);
  });

  it('gives spellings of one repository one key, and other repositories others', () => {
    expect(repoKey('https://github.com/org/repo')).toBe(repoKey('https://GITHUB.com/org/repo.git/'));
    expect(repoKey('https://github.com/org/repo')).not.toBe(repoKey('https://github.com/org/Repo'));
    expect(repoKey('https://github.com/org/repo')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('scrub', () => {
  it.each<[string, string[], string]>([
    ["unable to access 'https://u:pw@host/r.git/'", [], "unable to access 'https://host/r.git/'"],
    ['clone https://ghp_token@github.com/o/r failed', [], 'clone https://github.com/o/r failed'],
    ['ssh://git@host/r and ssh://u:pw@host/r', [], 'ssh://git@host/r and ssh://host/r'],
    ['header Basic dTpwdw== sent', ['dTpwdw=='], 'header Basic *** sent'],
    ['nothing to hide', ['xy'], 'nothing to hide'],
  ])('%s', (input, secrets, expected) => {
    expect(scrub(input, secrets)).toBe(expected);
  });
});
