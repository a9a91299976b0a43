import { describe, expect, it } from 'vitest';
import { credentialsFor, findTemplate } from './match.js';
import type { RepoCredentials } from './types.js';

const template = (url: string, extra: Partial<RepoCredentials> = {}): RepoCredentials => ({
  url,
  type: 'git',
  username: 'u',
  password: `p-${url}`,
  ...extra,
});

// Cases from Argo CD's util/db repo-creds prefix matrix: template url, repoURL, matches.
describe('findTemplate: one template', () => {
  it.each<[string, string, boolean]>([
    ['https://github.com/argoproj/argo-cd', 'https://github.com/argoproj/argo-cd', true],
    ['https://github.com/argoproj/argo-cd', 'https://github.com/argoproj/argo-cd.git', true],
    ['https://github.com/argoproj/argo-cd.git', 'https://github.com/argoproj/argo-cd', true],
    ['  https://github.com/argoproj/argo-cd  ', 'https://github.com/argoproj/argo-cd', true],
    ['https://github.com/argoproj/argo-cd', 'https://github.com/argoproj/argo-rollouts', false],
    ['https://github.com/argoproj', 'https://github.com/argoproj/argo-cd', true],
    ['https://github.com/argoproj/', 'https://github.com/argoproj/argo-cd', true],
    ['https://github.com/argoproj/', 'https://github.com/argoproj-labs/applicationset', false],
    ['https://github.com/argoproj/', 'https://github.com/argoproj@evil.com/malicious', false],
    ['https://github.com/argoproj/', 'https://github.com/argoproj', false],
    ['https://charts.example.com/team-', 'https://charts.example.com/team-payments/chart', true],
    ['https://my-company', 'https://not-my-company.com/repo', false],
    ['https://x-access-token@github.com/my-org/', 'https://github.com/my-org/app', false],
    ['git@github.com:argoproj', 'git@github.com:argoproj/argo-cd.git', true],
    ['git@github.com:argoproj', 'ssh://git@github.com/argoproj/argo-cd', true],
    ['git@github.com:argoproj', 'https://github.com/argoproj/argo-cd', false],
    ['git@github.com:argoproj/', 'git@github.com:argoproj-labs/foo', false],
    ['https://git.example.com:8443/org', 'https://git.example.com:9443/org/repo', false],
    ['registry.example.com:5000/team', 'registry.example.com:5000/team/chart', true],
    ['registry.example.com:5000/team', 'oci://registry.example.com:5000/team/chart', false],
    ['file:///var/git/team', 'file:///var/git/team/app', true],
    ['https://github.com/argoproj/*', 'https://github.com/argoproj/argo-cd', false],
    ['https://{github,gitlab}.com/myorg', 'https://bitbucket.org/other/app', false],
    ['ssh://git@github.com:argoproj', 'ssh://git@github.com:evil/other', false],
    ['https://[::1]:8443/repo', 'https://[::1]:8443/repo/app', true],
    ['https://', 'https://github.com/org/repo', true],
    ['https://', 'http://github.com/org/repo', false],
    ['https://GitHub.com/argoproj/argo-cd', 'https://github.com/argoproj/argo-cd', true],
  ])('%j for %j → %s', (pattern, repoURL, expected) => {
    expect(findTemplate(repoURL, [template(pattern)]) !== undefined).toBe(expected);
  });
});

describe('findTemplate: the longest prefix wins', () => {
  it.each<[string, string[], string, string | undefined]>([
    [
      'longer',
      ['https://github.com/argoproj', 'https://github.com/argoproj/argo-cd'],
      'https://github.com/argoproj/argo-cd.git',
      'https://github.com/argoproj/argo-cd',
    ],
    [
      'order-free',
      ['https://github.com/argoproj/argo-cd', 'https://github.com/argoproj'],
      'https://github.com/argoproj/argo-cd',
      'https://github.com/argoproj/argo-cd',
    ],
    [
      'non-matching longer',
      ['https://github.com/argoproj', 'https://github.com/argoproj/argo-cd'],
      'https://github.com/argoproj/argo-rollouts',
      'https://github.com/argoproj',
    ],
    [
      'trailing slash is longer',
      ['https://github.com/argoproj', 'https://github.com/argoproj/'],
      'https://github.com/argoproj/argo-cd',
      'https://github.com/argoproj/',
    ],
    [
      'tie keeps the first',
      ['https://github.com/argoproj/argo-cd', 'https://GitHub.com/argoproj/argo-cd'],
      'https://github.com/argoproj/argo-cd',
      'https://github.com/argoproj/argo-cd',
    ],
    ['none', ['https://example.com/a', 'https://example.com/b'], 'https://example.com/c/repo', undefined],
    [
      'invalid never wins',
      ['https://{github,gitlab}.com/org', 'https://github.com/argoproj'],
      'https://github.com/argoproj/argo-cd',
      'https://github.com/argoproj',
    ],
  ])('%s', (_name, patterns, repoURL, expected) => {
    expect(
      findTemplate(
        repoURL,
        patterns.map((p) => template(p)),
      )?.url,
    ).toBe(expected);
  });
});

describe('credentialsFor', () => {
  const repoURL = 'https://github.com/org/app';
  const org = template('https://github.com/org', { username: 'org-user', password: 'org-pass' });
  const helmOCI = template('registry.example.com/charts', { type: 'helm', enableOCI: true });

  interface Case {
    name: string;
    url?: string;
    repositories?: RepoCredentials[];
    templates?: RepoCredentials[];
    project?: string;
    expected: Partial<RepoCredentials> | undefined;
  }
  const cases: Case[] = [
    { name: 'nothing matches', expected: undefined },
    {
      name: 'a repository with credentials wins over a template',
      repositories: [{ url: 'https://github.com/org/app.git', type: 'git', username: 'r', password: 'rp' }],
      templates: [org],
      expected: { url: 'https://github.com/org/app.git', username: 'r', password: 'rp' },
    },
    {
      name: "a repository without credentials borrows the template's",
      repositories: [{ url: 'https://GITHUB.com/org/app', type: 'git', insecure: true, name: 'app' }],
      templates: [org],
      expected: {
        url: 'https://GITHUB.com/org/app',
        insecure: true,
        name: 'app',
        username: 'org-user',
        password: 'org-pass',
      },
    },
    {
      name: 'a template alone gives the repoURL its credentials',
      templates: [org],
      expected: { url: repoURL, type: 'git', username: 'org-user', password: 'org-pass' },
    },
    {
      name: 'a repository without credentials and no template is returned as is',
      repositories: [{ url: repoURL, type: 'git', insecure: true }],
      expected: { url: repoURL, type: 'git', insecure: true },
    },
    {
      name: 'a project-scoped repository is used for its project',
      repositories: [
        { url: repoURL, type: 'git', password: 'shared' },
        { url: repoURL, type: 'git', password: 'team', project: 'team' },
      ],
      project: 'team',
      expected: { password: 'team', project: 'team' },
    },
    {
      name: 'a project-scoped repository is not used for another project',
      repositories: [{ url: repoURL, type: 'git', password: 'team', project: 'team' }],
      templates: [org],
      project: 'other',
      expected: { url: repoURL, password: 'org-pass' },
    },
    {
      name: 'a project-scoped repository is not used without a project',
      repositories: [{ url: repoURL, type: 'git', password: 'team', project: 'team' }],
      expected: undefined,
    },
    {
      name: 'an unscoped repository is the fallback for any project',
      repositories: [{ url: repoURL, type: 'git', password: 'shared' }],
      project: 'team',
      expected: { password: 'shared' },
    },
    {
      name: 'a Helm OCI template keeps its type',
      url: 'registry.example.com/charts/app',
      templates: [helmOCI],
      expected: { url: 'registry.example.com/charts/app', type: 'helm', enableOCI: true, username: 'u' },
    },
  ];

  it.each(cases)('$name', ({ url, repositories = [], templates = [], project, expected }) => {
    const got = credentialsFor(url ?? repoURL, { repositories, templates }, project);
    if (expected === undefined) expect(got).toBeUndefined();
    else expect(got).toMatchObject(expected);
  });

  it('a bearer token counts as credentials: the template lends nothing', () => {
    const repositories: RepoCredentials[] = [{ url: repoURL, type: 'git', bearerToken: 'tok' }];
    expect(credentialsFor(repoURL, { repositories, templates: [org] })).toEqual(repositories[0]);
  });

  it('does not change its inputs', () => {
    const repositories: RepoCredentials[] = [{ url: repoURL, type: 'git' }];
    credentialsFor(repoURL, { repositories, templates: [org] });
    expect(repositories[0]).toEqual({ url: repoURL, type: 'git' });
  });
});
