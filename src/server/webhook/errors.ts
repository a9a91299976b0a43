import type { WebhookProvider } from './types.js';

/**
 * A delivery whose body cannot be read: not JSON, or JSON without the fields of a push.
 * Terminal (resending the same body will not help); the handler answers 400. The message
 * never quotes the body; the parser's error is kept as `cause`.
 */
export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';
  readonly provider: WebhookProvider;

  constructor(provider: WebhookProvider, reason: string, options?: ErrorOptions) {
    super(`invalid ${provider} webhook payload: ${reason}`, options);
    this.provider = provider;
  }
}
