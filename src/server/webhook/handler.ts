/**
 * Verify, then parse: the whole decision for one delivery to `/api/webhook`, without the
 * HTTP server. Unsigned deliveries are always refused (see README.md).
 */
import { WebhookPayloadError } from './errors.js';
import { parsePushEvent } from './parse.js';
import { detectProvider, signatureHeaderFor, type WebhookHeaders } from './provider.js';
import { verifyGiteaSignature, verifyGitHubSignature, verifyGitLabToken } from './signature.js';
import type { PushEvent, WebhookProvider } from './types.js';

/** Shared secrets per sender. A sender without one (or with '') is refused. */
export interface WebhookSecrets {
  github?: string;
  gitlab?: string;
  gitea?: string;
  bitbucketServer?: string;
}

export type WebhookVerdict =
  { ok: true; event?: PushEvent } | { ok: false; status: 400 | 401; message: string };

const SECRET_KEY: Record<WebhookProvider, keyof WebhookSecrets> = {
  github: 'github',
  gitlab: 'gitlab',
  gitea: 'gitea',
  'bitbucket-server': 'bitbucketServer',
};

/**
 * `ok` with the push (or without an event for a verified ping or other event), else the
 * status and message to answer with. Messages name headers and senders, never secrets or
 * payload content. The caller limits the body size and answers 405 to non-POST requests.
 */
export function verifyAndParse(
  headers: WebhookHeaders,
  body: Buffer,
  secrets: WebhookSecrets,
): WebhookVerdict {
  const provider = detectProvider(headers);
  if (!provider) {
    return refuse(
      400,
      'unknown webhook event: expected a GitHub, GitLab, Gitea, Gogs or Bitbucket Server push',
    );
  }
  const secret = secrets[SECRET_KEY[provider]];
  if (!secret) return refuse(401, `webhook secret for ${provider} is not configured`);
  const signature = signatureHeaderFor(provider, headers);
  if (signature.value === undefined)
    return refuse(401, `${provider} webhook without ${signature.name} header`);
  if (!verify(provider, secret, body, signature.value)) {
    return refuse(401, `${provider} webhook ${signature.name} verification failed`);
  }
  try {
    return { ok: true, event: parsePushEvent(headers, body) };
  } catch (err) {
    if (err instanceof WebhookPayloadError) return refuse(400, err.message);
    throw err;
  }
}

function verify(provider: WebhookProvider, secret: string, body: Buffer, value: string): boolean {
  switch (provider) {
    case 'github':
    case 'bitbucket-server':
      return verifyGitHubSignature(secret, body, value);
    case 'gitlab':
      return verifyGitLabToken(secret, value);
    case 'gitea':
      return verifyGiteaSignature(secret, body, value);
  }
}

function refuse(status: 400 | 401, message: string): WebhookVerdict {
  return { ok: false, status, message };
}
