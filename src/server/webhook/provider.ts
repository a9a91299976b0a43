/** Which Git server sent a delivery, and where its event name and signature are. */
import type { WebhookProvider } from './types.js';

export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** A header by case-insensitive name; the first value when it was sent more than once. */
export function header(headers: WebhookHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * The sender, from its event header. Gitea and Gogs also send `X-GitHub-Event`, so they
 * are checked first. Bitbucket Cloud (`X-Hook-UUID`) is not supported.
 */
export function detectProvider(headers: WebhookHeaders): WebhookProvider | undefined {
  if (header(headers, 'x-gitea-event') || header(headers, 'x-gogs-event')) return 'gitea';
  if (header(headers, 'x-github-event')) return 'github';
  if (header(headers, 'x-gitlab-event')) return 'gitlab';
  if (header(headers, 'x-hook-uuid')) return undefined;
  if (header(headers, 'x-event-key')) return 'bitbucket-server';
  return undefined;
}

/** The event name the sender put in its header (`push`, `Push Hook`, `repo:refs_changed`). */
export function eventName(provider: WebhookProvider, headers: WebhookHeaders): string {
  const names: Record<WebhookProvider, string[]> = {
    github: ['x-github-event'],
    gitlab: ['x-gitlab-event'],
    gitea: ['x-gitea-event', 'x-gogs-event'],
    'bitbucket-server': ['x-event-key'],
  };
  return firstHeader(headers, names[provider])?.value ?? '';
}

/**
 * The header carrying the signature (or GitLab's token): its name for messages and its
 * value. GitHub's sha1 `X-Hub-Signature` counts only when `X-Hub-Signature-256` is absent.
 */
export function signatureHeaderFor(provider: WebhookProvider, headers: WebhookHeaders): SignatureHeader {
  const names: Record<WebhookProvider, string[]> = {
    github: ['X-Hub-Signature-256', 'X-Hub-Signature'],
    gitlab: ['X-Gitlab-Token'],
    gitea: ['X-Gitea-Signature', 'X-Gogs-Signature'],
    'bitbucket-server': ['X-Hub-Signature'],
  };
  const wanted = names[provider];
  return firstHeader(headers, wanted) ?? { name: wanted[0] ?? '', value: undefined };
}

export interface SignatureHeader {
  name: string;
  value: string | undefined;
}

function firstHeader(headers: WebhookHeaders, names: string[]): SignatureHeader | undefined {
  for (const name of names) {
    const value = header(headers, name);
    if (value !== undefined && value !== '') return { name, value };
  }
  return undefined;
}
