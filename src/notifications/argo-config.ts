/**
 * argocd-notifications-cm (+ argocd-notifications-secret) read as Argo CD reads it:
 * `service.webhook.<name>`, `service.slack`, `template.<name>`, `trigger.<name>`,
 * `subscriptions`, `defaultTriggers`, `context`. `$key` in a service's strings is the
 * Secret's key. Every problem is collected with its ConfigMap key; a broken entry is left
 * out and the rest still works.
 */
import { parse } from 'yaml';
import { parseGoDuration } from '../api/argo/duration.js';
import { compileCondition, type Condition } from './expr.js';

export interface WebhookService {
  type: 'webhook';
  url: string;
  headers?: Array<{ name: string; value: string }>;
  basicAuth?: { username: string; password: string };
}

/** Slack through an incoming webhook (`webhookUrl`, a Ferry extension) or the API with a `token`. */
export interface SlackService {
  type: 'slack';
  token?: string;
  apiURL?: string;
  webhookUrl?: string;
  username?: string;
  icon?: string;
}

export type Service = WebhookService | SlackService;

export interface TemplateDef {
  message?: string;
  webhook?: Record<string, { method?: string; path?: string; body?: string }>;
  slack?: { attachments?: string; blocks?: string };
}

export interface TriggerCondition {
  when: string;
  send: string[];
  oncePer?: string;
  description?: string;
  /** Ferry extension: the condition must hold this long (Go duration) before it fires. */
  for?: string;
  /** Ferry extension: fire once per Event with one of these reasons on the Application. */
  onEvent?: string[];
}

export interface CompiledCondition extends TriggerCondition {
  condition: Condition;
  forMs?: number;
}

export interface Subscription {
  recipients: string[];
  triggers: string[];
  selector?: string;
}

export interface NotificationsConfig {
  services: Map<string, Service>;
  templates: Map<string, TemplateDef>;
  triggers: Map<string, CompiledCondition[]>;
  subscriptions: Subscription[];
  defaultTriggers: string[];
  context: Record<string, string>;
  /** `key: problem`, one per broken entry. */
  problems: string[];
}

const SECRET_REF = /\$[\w.-]+/g;

export function parseNotificationsConfig(
  data: Record<string, string>,
  secrets: Record<string, string> = {},
): NotificationsConfig {
  const config: NotificationsConfig = {
    services: new Map(),
    templates: new Map(),
    triggers: new Map(),
    subscriptions: [],
    defaultTriggers: [],
    context: {},
    problems: [],
  };
  for (const [key, text] of Object.entries(data)) {
    try {
      readEntry(config, key, text, secrets);
    } catch (err) {
      config.problems.push(`${key}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return config;
}

function readEntry(
  config: NotificationsConfig,
  key: string,
  text: string,
  secrets: Record<string, string>,
): void {
  if (key.startsWith('service.')) {
    const name = key.slice('service.'.length);
    const service = readService(name, withSecrets(parse(text), secrets));
    config.services.set(name.startsWith('webhook.') ? name.slice('webhook.'.length) : name, service);
  } else if (key.startsWith('template.')) {
    config.templates.set(key.slice('template.'.length), parse(text) as TemplateDef);
  } else if (key.startsWith('trigger.')) {
    config.triggers.set(key.slice('trigger.'.length), readTrigger(parse(text)));
  } else if (key === 'subscriptions') {
    config.subscriptions = listOf<Subscription>(parse(text), key);
  } else if (key === 'defaultTriggers') {
    config.defaultTriggers = listOf<string>(parse(text), key);
  } else if (key === 'context') {
    config.context = (parse(text) ?? {}) as Record<string, string>;
  }
}

function readService(name: string, value: unknown): Service {
  const spec = (value ?? {}) as Record<string, unknown>;
  if (name.startsWith('webhook.')) {
    if (typeof spec.url !== 'string' || !spec.url) throw new Error('a webhook service needs a url');
    return { type: 'webhook', ...(spec as Omit<WebhookService, 'type'>) };
  }
  if (name === 'slack' || name.startsWith('slack.')) {
    if (!spec.token && !spec.webhookUrl) throw new Error('a slack service needs a token or a webhookUrl');
    return { type: 'slack', ...(spec as Omit<SlackService, 'type'>) };
  }
  throw new Error(`service type "${name.split('.')[0]}" is not supported by Ferry (webhook, slack)`);
}

function readTrigger(value: unknown): CompiledCondition[] {
  return listOf<TriggerCondition>(value, 'trigger').map((c, i) => {
    if (typeof c.when !== 'string') throw new Error(`condition ${i + 1}: "when" is required`);
    if (!Array.isArray(c.send) || c.send.length === 0)
      throw new Error(`condition ${i + 1}: "send" lists no template`);
    const forMs = c.for === undefined ? undefined : parseGoDuration(c.for);
    if (c.for !== undefined && forMs === undefined)
      throw new Error(`condition ${i + 1}: "for: ${c.for}" is not a duration`);
    try {
      return { ...c, condition: compileCondition(c.when), forMs };
    } catch (err) {
      throw new Error(`condition ${i + 1}: ${(err as Error).message}`, { cause: err });
    }
  });
}

function listOf<T>(value: unknown, what: string): T[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${what} must be a YAML list`);
  return value as T[];
}

/** Replaces `$key` in every string with the Secret's value (unknown keys stay as written). */
function withSecrets(value: unknown, secrets: Record<string, string>): unknown {
  if (typeof value === 'string') return value.replace(SECRET_REF, (ref) => secrets[ref.slice(1)] ?? ref);
  if (Array.isArray(value)) return value.map((v) => withSecrets(v, secrets));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSecrets(v, secrets)]));
  return value;
}
