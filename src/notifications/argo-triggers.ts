/**
 * Deciding what to send for one Application, as Argo CD's notifications controller does:
 * each subscribed trigger's conditions are evaluated; a condition that turned true sends
 * its templates once, and is armed again only after it was false (or, with `oncePer`,
 * when the value changes). What was sent is the `notified.notifications.argoproj.io`
 * annotation: a JSON map of `[oncePer:]trigger:condition:service:recipient` → unix time,
 * so a restart sends nothing twice. Ferry's `for:` holds a condition back until it has
 * been true that long (the start time is kept in memory).
 */
import { createHash } from 'node:crypto';
import { parseGoDuration } from '../api/argo/duration.js';
import type { KubeObject } from '../kube/object.js';
import { CATALOG_TRIGGERS } from './argo-catalog.js';
import type { CompiledCondition, NotificationsConfig } from './argo-config.js';
import { compileCondition } from './expr.js';
import { subscriptionsOf, type Destination } from './argo-subscriptions.js';

export const NOTIFIED_ANNOTATION = 'notified.notifications.argoproj.io';
const MAX_STATE_ENTRIES = 100;

export type NotifiedState = Record<string, number>;

export interface PlannedSend {
  trigger: string;
  templates: string[];
  destination: Destination;
}

export interface Evaluation {
  sends: PlannedSend[];
  /** The new annotation value; undefined when unchanged. */
  state?: NotifiedState;
  /** Look again after this long (a `for:` condition waiting). */
  recheckMs?: number;
  /** Triggers subscribed to but defined nowhere, bad oncePer expressions. */
  problems: string[];
}

export interface EvaluationInput {
  app: KubeObject;
  config: NotificationsConfig;
  now: number;
  /** Memory of `for:` conditions: key → since when they hold. Updated in place. */
  pendingSince: Map<string, number>;
}

const compiledCatalog = new Map<string, CompiledCondition[]>();

/** A trigger from the ConfigMap, else Ferry's catalog, else undefined. */
export function triggerNamed(config: NotificationsConfig, name: string): CompiledCondition[] | undefined {
  const configured = config.triggers.get(name);
  if (configured) return configured;
  const catalog = CATALOG_TRIGGERS[name];
  if (!catalog) return undefined;
  if (!compiledCatalog.has(name))
    compiledCatalog.set(
      name,
      catalog.map((c) => ({ ...c, condition: compileCondition(c.when), forMs: parseFor(c.for) })),
    );
  return compiledCatalog.get(name);
}

const parseFor = (text?: string): number | undefined =>
  text === undefined ? undefined : parseGoDuration(text);

export function readState(app: KubeObject): NotifiedState {
  try {
    const parsed = JSON.parse(app.metadata.annotations?.[NOTIFIED_ANNOTATION] ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as NotifiedState) : {};
  } catch {
    return {};
  }
}

export function evaluateApp(input: EvaluationInput): Evaluation {
  const { app, config } = input;
  const before = readState(app);
  const state = { ...before };
  const result: Evaluation = { sends: [], problems: [] };
  const data = { app };
  for (const sub of subscriptionsOf(app, config)) {
    const conditions = triggerNamed(config, sub.trigger);
    if (!conditions) {
      result.problems.push(`trigger "${sub.trigger}" is not defined in argocd-notifications-cm`);
      continue;
    }
    conditions.forEach((c, i) => {
      if (c.onEvent) return;
      const key = stateKey({
        trigger: sub.trigger,
        condition: c,
        index: i,
        destination: sub.destination,
        data,
      });
      const send = decide({ input, state, key, holds: c.condition(data), forMs: c.forMs }, result);
      if (send) result.sends.push({ trigger: sub.trigger, templates: c.send, destination: sub.destination });
    });
  }
  if (JSON.stringify(state) !== JSON.stringify(before)) result.state = trimmed(state);
  return result;
}

interface Decision {
  input: EvaluationInput;
  state: NotifiedState;
  key: string;
  holds: boolean;
  forMs?: number;
}

/** Whether to send now; updates state, the `for:` memory and the recheck time. */
function decide(d: Decision, result: Evaluation): boolean {
  const { input, state, key, holds, forMs } = d;
  if (!holds) {
    delete state[key];
    input.pendingSince.delete(key);
    return false;
  }
  if (state[key] !== undefined) return false;
  if (forMs !== undefined && forMs > 0) {
    const since = input.pendingSince.get(key) ?? input.now;
    input.pendingSince.set(key, since);
    const left = since + forMs - input.now;
    if (left > 0) {
      result.recheckMs = Math.min(result.recheckMs ?? left, left);
      return false;
    }
    input.pendingSince.delete(key);
  }
  state[key] = Math.floor(input.now / 1000);
  return true;
}

interface KeyParts {
  trigger: string;
  condition: CompiledCondition;
  index: number;
  destination: Destination;
  data: Record<string, unknown>;
}

function stateKey(p: KeyParts): string {
  const hash = createHash('sha1').update(p.condition.when).digest('hex').slice(0, 8);
  const base = `${p.trigger}:[${p.index}].${hash}:${p.destination.service}:${p.destination.recipient}`;
  if (!p.condition.oncePer) return base;
  const once = onceValue(p.condition.oncePer, p.data);
  return `${once}:${base}`;
}

/** The oncePer expression's value (a path like app.status.sync.revision) as text. */
function onceValue(expression: string, data: Record<string, unknown>): string {
  let current: unknown = data;
  for (const part of expression.replace(/\?\./g, '.').split('.')) {
    current = current && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined;
  }
  if (current === undefined || current === null) return '';
  if (typeof current === 'string') return current;
  if (typeof current === 'number' || typeof current === 'boolean') return String(current);
  return JSON.stringify(current);
}

/** Keeps the newest entries, like Argo CD bounds its annotation. */
function trimmed(state: NotifiedState): NotifiedState {
  const entries = Object.entries(state);
  if (entries.length <= MAX_STATE_ENTRIES) return state;
  return Object.fromEntries(entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_STATE_ENTRIES));
}

/** Event triggers (Ferry's `onEvent`) an Event with `reason` on `app` fires. */
export function eventTriggerSends(
  app: KubeObject,
  config: NotificationsConfig,
  reason: string,
): PlannedSend[] {
  const sends: PlannedSend[] = [];
  for (const sub of subscriptionsOf(app, config)) {
    for (const c of triggerNamed(config, sub.trigger) ?? []) {
      if (c.onEvent?.includes(reason) && c.condition({ app }))
        sends.push({ trigger: sub.trigger, templates: c.send, destination: sub.destination });
    }
  }
  return sends;
}
