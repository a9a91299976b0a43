/** Fixtures and signed deliveries for the webhook tests. */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { WebhookHeaders } from './provider.js';
import type { PushEvent } from './types.js';

export const SECRET = 's3cr3t-Webhook-Value';

/** A payload from `testdata/`, as the raw bytes a server would receive. */
export function fixture(name: string): Buffer {
  return readFileSync(new URL(`./testdata/${name}`, import.meta.url));
}

/** A fixture with some top-level fields replaced. */
export function fixtureWith(name: string, fields: Record<string, unknown>): Buffer {
  const payload = JSON.parse(fixture(name).toString('utf8')) as Record<string, unknown>;
  return Buffer.from(JSON.stringify({ ...payload, ...fields }));
}

export function hmacHex(algorithm: 'sha1' | 'sha256', secret: string, body: Buffer): string {
  return createHmac(algorithm, secret).update(body).digest('hex');
}

/** Headers as GitHub sends them, signed with `secret`; unsigned when it is null. */
export function githubHeaders(body: Buffer, event = 'push', secret: string | null = SECRET): WebhookHeaders {
  return {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    ...(secret === null ? {} : { 'x-hub-signature-256': `sha256=${hmacHex('sha256', secret, body)}` }),
  };
}

/** Headers as GitLab sends them, with `token` unless it is null. */
export function gitlabHeaders(event = 'Push Hook', token: string | null = SECRET): WebhookHeaders {
  return {
    'content-type': 'application/json',
    'x-gitlab-event': event,
    ...(token === null ? {} : { 'x-gitlab-token': token }),
  };
}

/** Gitea sends its own headers and GitHub's and Gogs' look-alikes. */
export function giteaHeaders(body: Buffer, event = 'push', secret = SECRET): WebhookHeaders {
  const signature = hmacHex('sha256', secret, body);
  return {
    'content-type': 'application/json',
    'x-gitea-event': event,
    'x-gogs-event': event,
    'x-github-event': event,
    'x-gitea-signature': signature,
    'x-gogs-signature': signature,
  };
}

export function bitbucketServerHeaders(
  body: Buffer,
  event = 'repo:refs_changed',
  secret = SECRET,
): WebhookHeaders {
  return {
    'content-type': 'application/json; charset=utf-8',
    'x-event-key': event,
    'x-request-id': '2ae4e2a1-2fc1-4e30-9f6c-0ee2a8b21d16',
    'x-hub-signature': `sha256=${hmacHex('sha256', secret, body)}`,
  };
}

/** A branch push to github.com/example-org/gitops; override what a case needs. */
export function pushEvent(overrides: Partial<PushEvent> = {}): PushEvent {
  return {
    provider: 'github',
    repoURLs: ['https://github.com/Example-Org/gitops', 'git@github.com:Example-Org/gitops.git'],
    ref: 'refs/heads/main',
    branch: 'main',
    changedFiles: ['apps/guestbook/deployment.yaml'],
    defaultBranch: 'main',
    ...overrides,
  };
}
