import { describe, expect, it } from 'vitest';
import { verifyAndParse, type WebhookSecrets } from './handler.js';
import type { WebhookHeaders } from './provider.js';
import {
  bitbucketServerHeaders,
  fixture,
  giteaHeaders,
  githubHeaders,
  gitlabHeaders,
  hmacHex,
  SECRET,
} from './testutil.js';

const ALL: WebhookSecrets = { github: SECRET, gitlab: SECRET, gitea: SECRET, bitbucketServer: SECRET };
const push = fixture('github-push.json');
const ping = fixture('github-ping.json');

describe('verifyAndParse', () => {
  it.each<[string, WebhookHeaders, Buffer, string]>([
    ['GitHub', githubHeaders(push), push, 'github'],
    ['GitLab', gitlabHeaders(), fixture('gitlab-push.json'), 'gitlab'],
    ['Gitea', giteaHeaders(fixture('gitea-push.json')), fixture('gitea-push.json'), 'gitea'],
    [
      'Bitbucket Server',
      bitbucketServerHeaders(fixture('bitbucket-server-refs-changed.json')),
      fixture('bitbucket-server-refs-changed.json'),
      'bitbucket-server',
    ],
  ])('accepts a signed %s push', (_name, headers, body, provider) => {
    const verdict = verifyAndParse(headers, body, ALL);
    expect(verdict.ok).toBe(true);
    expect(verdict.ok && verdict.event?.provider).toBe(provider);
  });

  it('accepts a signed ping without an event', () => {
    expect(verifyAndParse(githubHeaders(ping, 'ping'), ping, ALL)).toEqual({ ok: true, event: undefined });
  });

  it('falls back to the sha1 header only when there is no sha256 one', () => {
    const sha1 = { 'x-github-event': 'push', 'x-hub-signature': `sha1=${hmacHex('sha1', SECRET, push)}` };
    expect(verifyAndParse(sha1, push, ALL).ok).toBe(true);
    const badSha256 = { ...sha1, 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` };
    expect(verifyAndParse(badSha256, push, ALL)).toMatchObject({ ok: false, status: 401 });
  });

  interface Refusal {
    name: string;
    headers: WebhookHeaders;
    body?: Buffer;
    secrets?: WebhookSecrets;
    status: 400 | 401;
    message: string;
  }
  const oops = Buffer.from('{oops');
  const notConfigured = 'webhook secret for github is not configured';
  const badGitHub = 'github webhook X-Hub-Signature-256 verification failed';

  it.each<Refusal>([
    {
      name: 'no secret configured',
      headers: githubHeaders(push),
      secrets: { gitlab: SECRET },
      status: 401,
      message: notConfigured,
    },
    {
      name: 'empty secret configured',
      headers: githubHeaders(push),
      secrets: { github: '' },
      status: 401,
      message: notConfigured,
    },
    {
      name: 'no secret, even for a ping',
      headers: githubHeaders(ping, 'ping', null),
      body: ping,
      secrets: {},
      status: 401,
      message: notConfigured,
    },
    {
      name: 'missing signature',
      headers: githubHeaders(push, 'push', null),
      status: 401,
      message: 'github webhook without X-Hub-Signature-256 header',
    },
    {
      name: 'wrong secret',
      headers: githubHeaders(push, 'push', 'guessed'),
      status: 401,
      message: badGitHub,
    },
    {
      name: 'ping with a bad signature',
      headers: githubHeaders(ping, 'ping', 'guessed'),
      body: ping,
      status: 401,
      message: badGitHub,
    },
    {
      name: 'GitLab without token',
      headers: gitlabHeaders('Push Hook', null),
      status: 401,
      message: 'gitlab webhook without X-Gitlab-Token header',
    },
    {
      name: 'GitLab wrong token',
      headers: gitlabHeaders('Push Hook', 'guess'),
      status: 401,
      message: 'gitlab webhook X-Gitlab-Token verification failed',
    },
    {
      name: 'Gitea signed with another secret',
      headers: giteaHeaders(push, 'push', 'other'),
      status: 401,
      message: 'gitea webhook X-Gitea-Signature verification failed',
    },
    {
      name: 'unknown sender',
      headers: { 'content-type': 'application/json' },
      status: 400,
      message: 'unknown webhook event: expected a GitHub, GitLab, Gitea, Gogs or Bitbucket Server push',
    },
    {
      name: 'signed but not JSON',
      headers: githubHeaders(oops),
      body: oops,
      status: 400,
      message: 'invalid github webhook payload: body is not valid JSON',
    },
  ])('refuses: $name', ({ headers, body = push, secrets = ALL, status, message }) => {
    expect(verifyAndParse(headers, body, secrets)).toEqual({ ok: false, status, message });
  });

  it('never puts the secret or the token sent in a message', () => {
    const verdicts = [
      verifyAndParse(gitlabHeaders('Push Hook', `${SECRET}x`), push, ALL),
      verifyAndParse(githubHeaders(push, 'push', SECRET), push, { github: 'other' }),
    ];
    for (const verdict of verdicts) {
      expect(verdict.ok).toBe(false);
      expect(JSON.stringify(verdict)).not.toContain(SECRET);
    }
  });
});
