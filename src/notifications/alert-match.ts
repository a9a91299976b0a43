/**
 * Which Alerts an event goes to, as Flux's notification-controller decides: an event
 * source of the event's kind, namespace (default: the Alert's) and name (`*` globs),
 * matchLabels on the object, the Alert's severity, then inclusionList/exclusionList on
 * the message. Bad regular expressions are reported by alertProblems().
 */
import type { Alert, EventSource } from '../api/notification/index.js';
import type { FluxEvent } from './flux-event.js';

export interface MatchInput {
  alert: Alert;
  event: FluxEvent;
  /** The involved object's labels, when an event source has matchLabels. */
  labels?: Record<string, string>;
}

export function alertMatches({ alert, event, labels }: MatchInput): boolean {
  if (alert.spec.suspend) return false;
  if (alert.spec.eventSeverity === 'error' && event.severity !== 'error') return false;
  const alertNamespace = alert.metadata.namespace ?? 'default';
  const sourced = (alert.spec.eventSources ?? []).some((source) =>
    sourceMatches(source, alertNamespace, event, labels),
  );
  return sourced && messageAllowed(alert, event.message);
}

/** Whether any source of `alert` needs the object's labels. */
export const needsLabels = (alert: Alert): boolean =>
  (alert.spec.eventSources ?? []).some((s) => Object.keys(s.matchLabels ?? {}).length > 0);

function sourceMatches(
  source: EventSource,
  alertNamespace: string,
  event: FluxEvent,
  labels: Record<string, string> | undefined,
): boolean {
  const o = event.involvedObject;
  if (source.kind !== o.kind || (source.namespace ?? alertNamespace) !== o.namespace) return false;
  if (!globMatches(source.name, o.name)) return false;
  return Object.entries(source.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);
}

function messageAllowed(alert: Alert, message: string): boolean {
  const include = alert.spec.inclusionList ?? [];
  if (include.length > 0 && !include.some((re) => safeTest(re, message))) return false;
  return !(alert.spec.exclusionList ?? []).some((re) => safeTest(re, message));
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern).test(text);
  } catch {
    return false;
  }
}

function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const parts = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`).test(value);
}

/** Every problem with an Alert's spec that makes it drop events silently otherwise. */
export function alertProblems(alert: Alert): string[] {
  const problems: string[] = [];
  for (const [field, list] of [
    ['inclusionList', alert.spec.inclusionList],
    ['exclusionList', alert.spec.exclusionList],
  ] as const) {
    (list ?? []).forEach((re, i) => {
      try {
        new RegExp(re);
      } catch (err) {
        problems.push(`spec.${field}[${i}]: invalid regular expression: ${(err as Error).message}`);
      }
    });
  }
  if ((alert.spec.eventSources ?? []).length === 0)
    problems.push('spec.eventSources: at least one is required');
  return problems;
}

/** The event with the Alert's eventMetadata and summary added; the event's own keys win, as in Flux. */
export function withAlertMetadata(event: FluxEvent, alert: Alert): FluxEvent {
  const extra: Record<string, string> = { ...(alert.spec.eventMetadata ?? {}) };
  if (alert.spec.summary) extra.summary = alert.spec.summary;
  if (Object.keys(extra).length === 0) return event;
  return { ...event, metadata: { ...extra, ...(event.metadata ?? {}) } };
}
