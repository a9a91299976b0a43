/**
 * The HTTP request a Flux Provider sends for one event:
 * - generic: the event as JSON, plus the Secret's headers;
 * - generic-hmac: the same, signed: `X-Signature: sha256=<hex>` keyed by the Secret's `token`;
 * - slack: an incoming-webhook message with one attachment (color good/danger, author
 *   `kind/name.namespace`, the message, metadata as fields), as Flux's Slack notifier;
 *   with a `token` it posts to the address with a Bearer token (Slack's chat.postMessage).
 */
import type { ProviderSpec } from '../api/notification/index.js';
import type { FluxEvent } from './flux-event.js';
import { SIGNATURE_HEADER, signBody } from './hmac.js';
import type { OutgoingRequest } from './sender.js';

export interface ProviderSecret {
  address?: string;
  token?: string;
  headers?: Record<string, string>;
}

const SLACK_API = 'https://slack.com/api/chat.postMessage';
const FLUX_ICON = 'https://avatars.githubusercontent.com/u/52158677';

/** The request for `event`, or an error message when the Provider cannot send it. */
export function providerRequest(
  spec: ProviderSpec,
  secret: ProviderSecret,
  event: FluxEvent,
): OutgoingRequest | { error: string } {
  const address = secret.address ?? spec.address ?? (spec.type === 'slack' && secret.token ? SLACK_API : '');
  if (!address) return { error: 'no address: set spec.address or the Secret key `address`' };
  const headers = { 'Content-Type': 'application/json', ...(secret.headers ?? {}) };
  switch (spec.type) {
    case 'generic':
      return {
        url: address,
        headers: { ...headers, 'gotk-component': event.reportingController },
        body: JSON.stringify(event),
      };
    case 'generic-hmac': {
      if (!secret.token) return { error: 'generic-hmac needs the Secret key `token` (the HMAC key)' };
      const body = JSON.stringify(event);
      const signed = {
        ...headers,
        'gotk-component': event.reportingController,
        [SIGNATURE_HEADER]: signBody(body, secret.token),
      };
      return { url: address, headers: signed, body };
    }
    case 'slack': {
      const auth: Record<string, string> = secret.token ? { Authorization: `Bearer ${secret.token}` } : {};
      return {
        url: address,
        headers: { ...headers, ...auth },
        body: JSON.stringify(slackPayload(spec, event)),
      };
    }
    default:
      return {
        error: `provider type "${spec.type}" is not supported by Ferry (generic, generic-hmac, slack)`,
      };
  }
}

export function slackPayload(spec: Pick<ProviderSpec, 'channel' | 'username'>, event: FluxEvent): unknown {
  const o = event.involvedObject;
  const fields = Object.keys(event.metadata ?? {})
    .sort()
    .map((title) => ({ title, value: event.metadata?.[title] ?? '', short: false }));
  return {
    ...(spec.channel ? { channel: spec.channel } : {}),
    ...(spec.username ? { username: spec.username } : {}),
    icon_url: FLUX_ICON,
    attachments: [
      {
        color: event.severity === 'error' ? 'danger' : 'good',
        author_name: `${o.kind.toLowerCase()}/${o.name}.${o.namespace}`,
        text: event.message,
        mrkdwn_in: ['text'],
        ...(fields.length > 0 ? { fields } : {}),
      },
    ],
  };
}
