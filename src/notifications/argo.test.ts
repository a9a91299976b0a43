import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/object.js';
import { ensureGoTemplateEngine } from '../templates/go-engine.js';
import { parseNotificationsConfig } from './argo-config.js';
import { notificationRequest } from './argo-message.js';
import { selectorMatches, subscriptionsOf } from './argo-subscriptions.js';
import { evaluateApp, eventTriggerSends, NOTIFIED_ANNOTATION, readState } from './argo-triggers.js';

beforeAll(() => ensureGoTemplateEngine(), 600_000);

const cm = {
  'service.webhook.receiver':
    'url: http://hooks.example/base\nheaders:\n- name: X-Token\n  value: $hook-token\n',
  'template.degraded': [
    'message: "{{.app.metadata.name}} is {{.app.status.health.status}}"',
    'webhook:',
    '  receiver:',
    '    method: POST',
    '    path: /apps/{{.app.metadata.name}}',
    '    body: \'{"app": "{{.app.metadata.name}}", "url": "{{.context.argocdUrl}}"}\'',
  ].join('\n'),
  'trigger.on-health-degraded': "- when: app.status.health.status == 'Degraded'\n  send: [degraded]\n",
  'trigger.on-out-of-sync': "- when: app.status.sync.status == 'OutOfSync'\n  for: 1m\n  send: [degraded]\n",
  'trigger.on-rev':
    "- when: app.status.sync.status == 'Synced'\n  oncePer: app.status.sync.revision\n  send: [degraded]\n",
  context: 'argocdUrl: https://ferry.example\n',
  defaultTriggers: '- on-health-degraded\n',
};
const config = parseNotificationsConfig(cm, { 'hook-token': 's3cret' });

function app(status: Record<string, unknown>, annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'guestbook', namespace: 'argocd', labels: { team: 'a' }, annotations },
    status,
  };
}
const sub = (trigger: string): Record<string, string> => ({
  [`notifications.argoproj.io/subscribe.${trigger}.receiver`]: '',
});
const degraded = { health: { status: 'Degraded' }, sync: { status: 'Synced', revision: 'a' } };
const healthy = { health: { status: 'Healthy' }, sync: { status: 'Synced', revision: 'a' } };

/** Runs evaluation and applies the new state to the app's annotation, as the controller does. */
function step(
  a: KubeObject,
  now = 0,
  pending = new Map<string, number>(),
): { app: KubeObject; sent: number; recheckMs?: number } {
  const result = evaluateApp({ app: a, config, now, pendingSince: pending });
  const annotations = { ...a.metadata.annotations };
  if (result.state) annotations[NOTIFIED_ANNOTATION] = JSON.stringify(result.state);
  return {
    app: { ...a, metadata: { ...a.metadata, annotations } },
    sent: result.sends.length,
    recheckMs: result.recheckMs,
  };
}
const withStatus = (a: KubeObject, status: Record<string, unknown>): KubeObject => ({ ...a, status });

describe('argocd-notifications-cm', () => {
  it('reads services with $secret values, templates, triggers, defaults, context', () => {
    expect(config.problems).toEqual([]);
    expect(config.services.get('receiver')).toEqual({
      type: 'webhook',
      url: 'http://hooks.example/base',
      headers: [{ name: 'X-Token', value: 's3cret' }],
    });
    expect(config.defaultTriggers).toEqual(['on-health-degraded']);
  });
  it('collects problems per key and keeps the rest', () => {
    const bad = parseNotificationsConfig({
      ...cm,
      'trigger.broken': "- when: app.status.health.status = 'Degraded'\n  send: [degraded]\n",
      'trigger.no-send': '- when: "true"\n',
      'service.email': 'host: smtp',
      'service.webhook.nourl': 'headers: []',
    });
    expect(bad.problems).toEqual([
      'trigger.broken: condition 1: unexpected character "=" at column 26 of "app.status.health.status = \'Degraded\'"',
      'trigger.no-send: condition 1: "send" lists no template',
      'service.email: service type "email" is not supported by Ferry (webhook, slack)',
      'service.webhook.nourl: a webhook service needs a url',
    ]);
    expect(bad.triggers.has('on-health-degraded')).toBe(true);
    expect(bad.triggers.has('broken')).toBe(false);
  });
});

describe('subscriptions', () => {
  it('reads annotations (with and without trigger) and ConfigMap subscriptions with selectors', () => {
    const withSubs = parseNotificationsConfig({
      ...cm,
      subscriptions:
        '- recipients: [slack:ops]\n  triggers: [on-sync-failed]\n  selector: team=a\n- recipients: [slack:other]\n  selector: team=b\n',
    });
    const a = app(
      {},
      {
        'notifications.argoproj.io/subscribe.receiver': '',
        'notifications.argoproj.io/subscribe.on-deployed.slack': 'a;b',
      },
    );
    expect(subscriptionsOf(a, withSubs)).toEqual([
      { trigger: 'on-health-degraded', destination: { service: 'receiver', recipient: '' } },
      { trigger: 'on-deployed', destination: { service: 'slack', recipient: 'a' } },
      { trigger: 'on-deployed', destination: { service: 'slack', recipient: 'b' } },
      { trigger: 'on-sync-failed', destination: { service: 'slack', recipient: 'ops' } },
    ]);
  });
  it('label selectors', () => {
    expect(selectorMatches('team=a,env!=prod', { team: 'a' })).toBe(true);
    expect(selectorMatches('team==b', { team: 'a' })).toBe(false);
    expect(selectorMatches('team,!env', { team: 'a' })).toBe(true);
  });
});

describe('trigger evaluation', () => {
  it('sends once per transition to true, again after it was false', () => {
    let s = step(app(degraded, sub('on-health-degraded')));
    expect(s.sent).toBe(1);
    expect(Object.keys(readState(s.app))).toHaveLength(1);
    s = step(s.app);
    expect(s.sent).toBe(0);
    s = step(withStatus(s.app, healthy));
    expect(s.sent).toBe(0);
    expect(readState(s.app)).toEqual({});
    s = step(withStatus(s.app, degraded));
    expect(s.sent).toBe(1);
  });
  it('oncePer: once per value, again when the value changes', () => {
    let s = step(app(healthy, sub('on-rev')));
    expect(s.sent).toBe(1);
    s = step(s.app);
    expect(s.sent).toBe(0);
    s = step(withStatus(s.app, { ...healthy, sync: { status: 'Synced', revision: 'b' } }));
    expect(s.sent).toBe(1);
  });
  it('for: waits until the condition held that long (Ferry extension)', () => {
    const pending = new Map<string, number>();
    const outOfSync = { health: { status: 'Healthy' }, sync: { status: 'OutOfSync' } };
    let s = step(app(outOfSync, sub('on-out-of-sync')), 0, pending);
    expect(s).toMatchObject({ sent: 0, recheckMs: 60_000 });
    s = step(s.app, 59_000, pending);
    expect(s).toMatchObject({ sent: 0, recheckMs: 1000 });
    s = step(s.app, 60_000, pending);
    expect(s.sent).toBe(1);
    s = step(withStatus(s.app, healthy), 61_000, pending);
    s = step(withStatus(s.app, outOfSync), 62_000, pending);
    expect(s.sent).toBe(0);
  });
  it('catalog triggers apply when the ConfigMap does not define them; unknown ones are problems', () => {
    const failed = { ...healthy, operationState: { phase: 'Failed', message: 'boom' } };
    const result = evaluateApp({
      app: app(failed, sub('on-sync-failed')),
      config,
      now: 0,
      pendingSince: new Map(),
    });
    expect(result.sends).toEqual([
      {
        trigger: 'on-sync-failed',
        templates: ['app-sync-failed'],
        destination: { service: 'receiver', recipient: '' },
      },
    ]);
    const unknown = evaluateApp({
      app: app(failed, sub('on-nothing')),
      config,
      now: 0,
      pendingSince: new Map(),
    });
    expect(unknown.problems).toEqual(['trigger "on-nothing" is not defined in argocd-notifications-cm']);
  });
  it('event triggers fire for their reasons only', () => {
    const a = app(healthy, sub('on-rollback'));
    expect(eventTriggerSends(a, config, 'RollbackRequested')).toHaveLength(1);
    expect(eventTriggerSends(a, config, 'OperationStarted')).toHaveLength(0);
  });
});

describe('messages', () => {
  const base = { config, trigger: 'on-health-degraded', destination: { service: 'receiver', recipient: '' } };
  it('webhook: method, url + path and body rendered as Go templates, headers', () => {
    const req = notificationRequest({ ...base, template: 'degraded', app: app(degraded) });
    expect(req).toEqual({
      url: 'http://hooks.example/base/apps/guestbook',
      method: 'POST',
      headers: { 'X-Token': 's3cret' },
      body: '{"app": "guestbook", "url": "https://ferry.example"}',
    });
  });
  it('a template without a webhook section posts app, trigger and message', () => {
    const req = notificationRequest({
      ...base,
      template: 'app-health-degraded',
      app: app({ health: { status: 'Degraded', message: 'pods crash' } }),
    });
    expect(JSON.parse(req.body)).toEqual({
      app: 'guestbook',
      trigger: 'on-health-degraded',
      message: 'Application guestbook is Degraded: pods crash',
    });
  });
  it('slack incoming webhook with attachments', () => {
    const slack = parseNotificationsConfig({
      'service.slack': 'webhookUrl: http://slack.example/services/T/B/x\nusername: ferry\n',
      'template.t':
        'message: hi {{.app.metadata.name}}\nslack:\n  attachments: \'[{"title": "{{.app.metadata.name}}"}]\'\n',
    });
    const req = notificationRequest({
      config: slack,
      trigger: 'x',
      template: 't',
      destination: { service: 'slack', recipient: 'ops' },
      app: app({}),
    });
    expect(req.url).toBe('http://slack.example/services/T/B/x');
    expect(JSON.parse(req.body)).toEqual({
      channel: 'ops',
      username: 'ferry',
      text: 'hi guestbook',
      attachments: [{ title: 'guestbook' }],
    });
  });
  it('unknown template or service is a clear error', () => {
    expect(() => notificationRequest({ ...base, template: 'nope', app: {} })).toThrow(
      'template "nope" is not defined',
    );
    expect(() =>
      notificationRequest({
        ...base,
        destination: { service: 'x', recipient: '' },
        template: 'degraded',
        app: {},
      }),
    ).toThrow('service "x" is not defined');
  });
});
