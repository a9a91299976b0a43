/**
 * Who gets which trigger for one Application, as Argo CD reads it: annotations
 * `notifications.argoproj.io/subscribe.<trigger>.<service>: <recipient>[;<recipient>…]`
 * (`subscribe.<service>` uses defaultTriggers) and the ConfigMap's `subscriptions`
 * (recipients `service:recipient`, optional label `selector`, default triggers when none).
 */
import type { KubeObject } from '../kube/object.js';
import type { NotificationsConfig } from './argo-config.js';

export const SUBSCRIBE_PREFIX = 'notifications.argoproj.io/subscribe.';

export interface Destination {
  service: string;
  recipient: string;
}

export interface TriggerSubscription {
  trigger: string;
  destination: Destination;
}

export function subscriptionsOf(app: KubeObject, config: NotificationsConfig): TriggerSubscription[] {
  return unique([...fromAnnotations(app, config), ...fromConfigMap(app, config)]);
}

function fromAnnotations(app: KubeObject, config: NotificationsConfig): TriggerSubscription[] {
  const found: TriggerSubscription[] = [];
  for (const [key, value] of Object.entries(app.metadata.annotations ?? {})) {
    if (!key.startsWith(SUBSCRIBE_PREFIX)) continue;
    const parts = key.slice(SUBSCRIBE_PREFIX.length).split('.');
    const triggers = parts.length === 1 ? config.defaultTriggers : [parts[0] ?? ''];
    const service = parts.length === 1 ? (parts[0] ?? '') : parts.slice(1).join('.');
    const recipients = recipientsOf(value);
    found.push(
      ...cross(
        triggers,
        recipients.map((recipient) => ({ service, recipient })),
      ),
    );
  }
  return found;
}

function fromConfigMap(app: KubeObject, config: NotificationsConfig): TriggerSubscription[] {
  return config.subscriptions
    .filter((sub) => !sub.selector || selectorMatches(sub.selector, app.metadata.labels ?? {}))
    .flatMap((sub) =>
      cross(
        sub.triggers?.length ? sub.triggers : config.defaultTriggers,
        (sub.recipients ?? []).map(parseRecipient),
      ),
    );
}

function cross(triggers: string[], destinations: Destination[]): TriggerSubscription[] {
  return destinations.flatMap((destination) => triggers.map((trigger) => ({ trigger, destination })));
}

function recipientsOf(value: string): string[] {
  const list = value
    .split(/[;,]/)
    .map((r) => r.trim())
    .filter((r) => r !== '');
  return list.length > 0 ? list : [''];
}

function parseRecipient(text: string): Destination {
  const at = text.indexOf(':');
  return at < 0
    ? { service: text, recipient: '' }
    : { service: text.slice(0, at), recipient: text.slice(at + 1) };
}

/** `k=v`, `k==v`, `k!=v`, `k` and `!k`, comma-separated, all must hold. */
export function selectorMatches(selector: string, labels: Record<string, string>): boolean {
  return selector
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .every((term) => {
      const m = /^([^!=]+?)\s*(!=|==|=)\s*(.*)$/.exec(term);
      if (!m) return term.startsWith('!') ? !(term.slice(1) in labels) : term in labels;
      const [, key = '', op, value] = m;
      return op === '!=' ? labels[key] !== value : labels[key] === value;
    });
}

function unique(list: TriggerSubscription[]): TriggerSubscription[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = `${s.trigger}\u0000${s.destination.service}\u0000${s.destination.recipient}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
