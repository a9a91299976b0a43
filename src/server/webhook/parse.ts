/**
 * From a delivery's headers and raw body to the push it describes. This does not check
 * signatures: call it only after verification (handler.ts does both, in that order).
 */
import { readPayload } from './fields.js';
import { fromBitbucketServerPush } from './payload-bitbucket-server.js';
import { fromGitHubPush } from './payload-github.js';
import { fromGitLabPush } from './payload-gitlab.js';
import { detectProvider, eventName, type WebhookHeaders } from './provider.js';
import type { PushEvent, WebhookProvider } from './types.js';

/** Event header values that announce a push, per sender. */
const PUSH_EVENTS: Record<WebhookProvider, string[]> = {
  github: ['push'],
  gitea: ['push'],
  gitlab: ['Push Hook', 'Tag Push Hook', 'System Hook'],
  'bitbucket-server': ['repo:refs_changed'],
};

/**
 * The push, or undefined for other events (ping, issues, merge requests...) and unknown
 * senders. Throws `WebhookPayloadError` when a push's body is not JSON or lacks its ref
 * or repository.
 */
export function parsePushEvent(headers: WebhookHeaders, body: Buffer): PushEvent | undefined {
  const provider = detectProvider(headers);
  if (!provider) return undefined;
  if (!PUSH_EVENTS[provider].includes(eventName(provider, headers))) return undefined;
  const payload = readPayload(provider, headers, body);
  switch (provider) {
    case 'github':
    case 'gitea':
      return fromGitHubPush(payload, provider);
    case 'gitlab':
      return fromGitLabPush(payload);
    case 'bitbucket-server':
      return fromBitbucketServerPush(payload);
  }
}
