/**
 * The HTTP request one Argo CD notification template makes on one service. Template
 * fields are Go templates over `.app`, `.context`, `.notificationType` (and Ferry's
 * `.event` for event triggers), rendered by the real Go text/template + Sprig.
 * - webhook: `<url><path>` with the template's `webhook.<service>` method (default GET, as
 *   Argo CD) and body; service headers and basicAuth. A template without a section for
 *   the service posts `{"app","trigger","message"}` (Ferry extension).
 * - slack: `message` as text, `slack.attachments`/`blocks` (JSON strings) parsed, the
 *   recipient as channel; incoming webhook (`webhookUrl`) or chat.postMessage with the token.
 */
import { CATALOG_TEMPLATES } from './argo-catalog.js';
import type {
  NotificationsConfig,
  Service,
  SlackService,
  TemplateDef,
  WebhookService,
} from './argo-config.js';
import type { Destination } from './argo-subscriptions.js';
import type { OutgoingRequest } from './sender.js';
import { renderGoTemplate } from '../templates/index.js';

export interface MessageInput {
  config: NotificationsConfig;
  template: string;
  trigger: string;
  destination: Destination;
  app: Record<string, unknown>;
  event?: { reason: string; message: string; type: string };
}

/** The request to make; throws with a clear message on unknown templates/services and template errors. */
export function notificationRequest(input: MessageInput): OutgoingRequest {
  const { config, destination } = input;
  const template = config.templates.get(input.template) ?? CATALOG_TEMPLATES[input.template];
  if (!template) throw new Error(`template "${input.template}" is not defined in argocd-notifications-cm`);
  const service = config.services.get(destination.service);
  if (!service) throw new Error(`service "${destination.service}" is not defined in argocd-notifications-cm`);
  const data = {
    app: input.app,
    context: config.context,
    notificationType: service.type,
    ...(input.event ? { event: input.event } : {}),
  };
  const render = (text: string | undefined): string =>
    text === undefined ? '' : renderGoTemplate(text, data, { funcs: 'sprig' });
  return service.type === 'webhook'
    ? webhookRequest({ service, template, input, render })
    : slackRequest({ service, template, input, render });
}

interface Build<S extends Service> {
  service: S;
  template: TemplateDef;
  input: MessageInput;
  render: (text: string | undefined) => string;
}

function webhookRequest({ service, template, input, render }: Build<WebhookService>): OutgoingRequest {
  const headers: Record<string, string> = {};
  for (const h of service.headers ?? []) headers[h.name] = h.value;
  if (service.basicAuth) {
    const token = Buffer.from(`${service.basicAuth.username}:${service.basicAuth.password}`).toString(
      'base64',
    );
    headers.Authorization = `Basic ${token}`;
  }
  const section = template.webhook?.[input.destination.service];
  if (!section) {
    const name = (input.app.metadata as { name?: string } | undefined)?.name;
    const body = JSON.stringify({ app: name, trigger: input.trigger, message: render(template.message) });
    return {
      url: service.url,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    };
  }
  return {
    url: service.url + render(section.path),
    method: (section.method ?? 'GET').toUpperCase(),
    headers,
    body: render(section.body),
  };
}

function slackRequest({ service, template, input, render }: Build<SlackService>): OutgoingRequest {
  const parseJson = (field: string, text: string | undefined): unknown => {
    if (text === undefined) return undefined;
    try {
      return JSON.parse(render(text)) as unknown;
    } catch (err) {
      throw new Error(
        `template "${input.template}" slack.${field} is not JSON after rendering: ${(err as Error).message}`,
        { cause: err },
      );
    }
  };
  const body = {
    ...(input.destination.recipient ? { channel: input.destination.recipient } : {}),
    ...(service.username ? { username: service.username } : {}),
    ...(service.icon ? { icon_emoji: service.icon } : {}),
    text: render(template.message),
    attachments: parseJson('attachments', template.slack?.attachments),
    blocks: parseJson('blocks', template.slack?.blocks),
  };
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (service.webhookUrl) return { url: service.webhookUrl, headers, body: JSON.stringify(body) };
  const api = (service.apiURL ?? 'https://slack.com/api/').replace(/\/?$/, '/');
  return {
    url: `${api}chat.postMessage`,
    headers: { ...headers, Authorization: `Bearer ${service.token ?? ''}` },
    body: JSON.stringify(body),
  };
}
