import { describe, expect, it } from 'vitest';
import { WebhookPayloadError } from './errors.js';
import { parsePushEvent } from './parse.js';
import type { WebhookHeaders } from './provider.js';
import type { PushEvent } from './types.js';
import {
  bitbucketServerHeaders,
  fixture,
  fixtureWith,
  giteaHeaders,
  githubHeaders,
  gitlabHeaders,
} from './testutil.js';

const parse = (headers: WebhookHeaders, body: Buffer) => parsePushEvent(headers, body);

describe('parsePushEvent', () => {
  it('reads a GitHub branch push', () => {
    const body = fixture('github-push.json');
    expect(parse(githubHeaders(body), body)).toEqual<PushEvent>({
      provider: 'github',
      repoURLs: [
        'https://github.com/Example-Org/gitops',
        'https://github.com/Example-Org/gitops.git',
        'git@github.com:Example-Org/gitops.git',
        'git://github.com/Example-Org/gitops.git',
      ],
      ref: 'refs/heads/main',
      branch: 'main',
      before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
      changedFiles: [
        'apps/guestbook/deployment.yaml',
        'shared/labels.yaml',
        'apps/guestbook/old-config.yaml',
      ],
      defaultBranch: 'main',
    });
  });

  it('reads a GitHub tag push, whose file list is unknown', () => {
    const body = fixture('github-tag-push.json');
    const event = parse(githubHeaders(body), body);
    expect(event).toMatchObject({ ref: 'refs/tags/v1.3.0', tag: 'v1.3.0', changedFiles: [] });
    expect(event?.branch).toBeUndefined();
  });

  it('reads a GitLab push with every URL form of the project', () => {
    const event = parse(gitlabHeaders(), fixture('gitlab-push.json'));
    expect(event).toEqual<PushEvent>({
      provider: 'gitlab',
      repoURLs: [
        'https://gitlab.example.com/platform/deployments',
        'https://gitlab.example.com/platform/deployments.git',
        'git@gitlab.example.com:platform/deployments.git',
      ],
      ref: 'refs/heads/release/2025.03',
      branch: 'release/2025.03',
      before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
      after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      changedFiles: ['envs/prod/ingress.yaml', 'envs/prod/kustomization.yaml', 'envs/staging/unused.yaml'],
      defaultBranch: 'main',
    });
  });

  it('reads a GitLab tag push and a push delivered as a system hook', () => {
    expect(parse(gitlabHeaders('Tag Push Hook'), fixture('gitlab-tag-push.json'))).toMatchObject({
      tag: 'v2.0.1',
      changedFiles: [],
    });
    expect(parse(gitlabHeaders('System Hook'), fixture('gitlab-push.json'))).toMatchObject({
      branch: 'release/2025.03',
    });
  });

  it('reads a Gitea push, not mistaking it for GitHub', () => {
    const body = fixture('gitea-push.json');
    expect(parse(giteaHeaders(body), body)).toMatchObject({
      provider: 'gitea',
      repoURLs: [
        'https://gitea.example.com/ops/cluster-config',
        'https://gitea.example.com/ops/cluster-config.git',
        'ssh://git@gitea.example.com:2222/ops/cluster-config.git',
        'https://gitea.example.com/api/v1/repos/ops/cluster-config',
      ],
      branch: 'main',
      changedFiles: ['monitoring/values.yaml'],
      defaultBranch: 'main',
    });
  });

  it('reads a Bitbucket Server refs_changed event (no files, no default branch)', () => {
    const body = fixture('bitbucket-server-refs-changed.json');
    expect(parse(bitbucketServerHeaders(body), body)).toEqual<PushEvent>({
      provider: 'bitbucket-server',
      repoURLs: [
        'ssh://git@bitbucket.example.com:7999/ops/manifests.git',
        'https://bitbucket.example.com/scm/ops/manifests.git',
      ],
      ref: 'refs/heads/develop',
      branch: 'develop',
      before: 'ecddabb624f6f5ba43816f5926e580a5f680a932',
      after: '178864a7d521b6f5e720b386b2c2b0ef8563e0dc',
      changedFiles: [],
    });
  });

  it('reads GitHub form-encoded deliveries', () => {
    const json = fixture('github-push.json').toString('utf8');
    const body = Buffer.from(new URLSearchParams({ payload: json }).toString());
    const headers = { ...githubHeaders(body), 'content-type': 'application/x-www-form-urlencoded' };
    expect(parse(headers, body)?.branch).toBe('main');
  });

  it('finds headers whatever their case, taking the first of repeated ones', () => {
    const body = fixture('github-push.json');
    expect(parse({ 'X-GitHub-Event': ['push', 'ping'] }, body)?.branch).toBe('main');
  });

  describe('leaves the file list empty (unknown) when the commits may not show every change', () => {
    it.each<[string, string, WebhookHeaders, Record<string, unknown>]>([
      ['forced GitHub push', 'github-push.json', { 'x-github-event': 'push' }, { forced: true }],
      ['deleted GitHub branch', 'github-push.json', { 'x-github-event': 'push' }, { deleted: true }],
      ['new GitLab branch', 'gitlab-push.json', gitlabHeaders(), { before: '0'.repeat(40) }],
      ['GitLab list cut at 20', 'gitlab-push.json', gitlabHeaders(), { total_commits_count: 57 }],
      ['Gitea list cut short', 'gitea-push.json', { 'x-gitea-event': 'push' }, { total_commits: 30 }],
      [
        'GitHub commit with a very long file list',
        'github-push.json',
        { 'x-github-event': 'push' },
        { commits: [{ id: 'a', added: Array.from({ length: 3000 }, (_, i) => `f${i}.yaml`) }] },
      ],
    ])('%s', (_name, file, headers, fields) => {
      expect(parse(headers, fixtureWith(file, fields))?.changedFiles).toEqual([]);
    });
  });

  describe('returns undefined for events that are not pushes', () => {
    it.each<[string, WebhookHeaders, string]>([
      ['GitHub ping', { 'x-github-event': 'ping' }, 'github-ping.json'],
      ['GitHub issues', { 'x-github-event': 'issues' }, 'github-ping.json'],
      ['GitLab merge request', gitlabHeaders('Merge Request Hook'), 'gitlab-push.json'],
      ['Gitea release', { 'x-gitea-event': 'release' }, 'gitea-push.json'],
      ['Bitbucket Server ping', { 'x-event-key': 'diagnostics:ping' }, 'github-ping.json'],
      ['no event header', { 'content-type': 'application/json' }, 'github-push.json'],
    ])('%s', (_name, headers, file) => {
      expect(parse(headers, fixture(file))).toBeUndefined();
    });

    it('GitLab system hook for something else', () => {
      const body = Buffer.from(JSON.stringify({ event_name: 'project_create', name: 'x' }));
      expect(parse(gitlabHeaders('System Hook'), body)).toBeUndefined();
    });

    it('does not read the body of a non-push', () => {
      expect(parse({ 'x-github-event': 'ping' }, Buffer.from('not json'))).toBeUndefined();
    });
  });

  describe('throws WebhookPayloadError for a push it cannot read', () => {
    it.each<[string, string]>([
      ['not JSON', '{"ref": "refs/heads/main",'],
      ['a JSON array', '[]'],
      ['no ref', JSON.stringify({ repository: { html_url: 'https://github.com/o/r' } })],
      ['no repository', JSON.stringify({ ref: 'refs/heads/main' })],
    ])('%s', (_name, text) => {
      const parseIt = () => parse({ 'x-github-event': 'push' }, Buffer.from(text));
      expect(parseIt).toThrow(WebhookPayloadError);
      expect(parseIt).toThrow(/^invalid github webhook payload: /);
    });
  });
});
