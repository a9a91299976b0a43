/**
 * Notifications end to end: real Ferry on the bed, a real HTTP receiver in this process.
 * Flux: Provider (generic-hmac, generic) + Alert on GitRepository events — one signed
 * message per event, identical events not resent, 500s retried. Argo CD:
 * argocd-notifications-cm with a webhook service — one message per transition to Degraded,
 * none again after a restart, a broken trigger reported while the rest keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { recordEvent } from '../../src/kube/events.js';
import type { KubeObject } from '../../src/kube/object.js';
import { verifySignature } from '../../src/notifications/hmac.js';
import { eventually } from '../support/kube.js';
import { eventsFor, gitRepoSecret, startFerryOn, waitForApp, type FerryUnderTest } from '../support/ferry.js';

interface Received {
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let bed: Testbed;
let f: FerryUnderTest;
let server: Server;
let base: string;
const received: Received[] = [];
/** Statuses to answer per path, in turn; 200 when none is left. */
const script = new Map<string, number[]>();
const ns = 'notify';
const hmacKey = 'hmac-key-123';

const at = (path: string): Received[] => received.filter((r) => r.path === path);
const bodies = (path: string): Array<Record<string, unknown>> =>
  at(path).map((r) => JSON.parse(r.body) as Record<string, unknown>);

async function startReceiver(): Promise<void> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', method: req.method ?? '', headers: req.headers, body });
      res.writeHead(script.get(req.url ?? '')?.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

function widgetsFolder(state: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-notify-'));
  writeFileSync(
    join(dir, 'cm.yaml'),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: widget\ndata:\n  state: ${state}\n`,
  );
  return dir;
}

const gitRepository = (name: string): KubeObject => ({
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  metadata: { name, namespace: ns },
  spec: {
    url: bed.git.cloneUrl(name, false),
    interval: '10m',
    ref: { branch: 'main' },
    secretRef: { name: 'git-creds' },
  },
});

const provider = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
  kind: 'Provider',
  metadata: { name, namespace: ns },
  spec,
});

const alert = (name: string, providerName: string, source: string): KubeObject => ({
  apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
  kind: 'Alert',
  metadata: { name, namespace: ns },
  spec: {
    providerRef: { name: providerName },
    eventSeverity: 'info',
    eventSources: [{ kind: 'GitRepository', name: source }],
    eventMetadata: { cluster: 'dev' },
  },
});

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'], nodes: false });
  await startReceiver();
  for (const repo of ['widgets', 'flux-src', 'flaky-src', 'down-src'])
    await bed.git.pushFolder(repo, widgetsFolder('ok'));
  f = await startFerryOn(bed);
  await f.home.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await f.home.apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'git-creds', namespace: ns },
    stringData: { username: bed.git.username!, password: bed.git.password! },
  });
}, 180_000);
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

describe('Flux Provider and Alert', () => {
  it('generic-hmac: one signed message per event; an identical event is not sent again', async () => {
    await f.home.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'hmac', namespace: ns },
      stringData: { token: hmacKey, headers: 'X-Team: platform\n' },
    });
    await f.home.apply(
      provider('hmac', { type: 'generic-hmac', address: `${base}/flux`, secretRef: { name: 'hmac' } }),
    );
    await f.home.apply(alert('on-source', 'hmac', 'flux-src'));
    await f.home.apply(gitRepository('flux-src'));

    const [first] = await eventually(
      () => Promise.resolve(bodies('/flux')),
      (b) => b.length >= 1,
      { timeoutMs: 60_000 },
    );
    expect(first).toMatchObject({
      involvedObject: { kind: 'GitRepository', name: 'flux-src', namespace: ns },
      severity: 'info',
      reason: 'NewArtifact',
      reportingController: 'source-controller',
      metadata: { cluster: 'dev' },
    });
    const request = at('/flux')[0]!;
    expect(verifySignature(request.body, hmacKey, request.headers['x-signature'] as string)).toBe(true);
    expect(request.headers['x-team']).toBe('platform');
    expect(request.headers['gotk-component']).toBe('source-controller');

    // A new commit: a new event, a second message.
    const sha = await bed.git.pushFolder('flux-src', widgetsFolder('v2'));
    await f.home.mergePatch(
      { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: ns, name: 'flux-src' },
      { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() } } },
    );
    const two = await eventually(
      () => Promise.resolve(bodies('/flux')),
      (b) => b.length >= 2,
      { timeoutMs: 60_000 },
    );
    expect(String(two[1]!.message)).toContain(sha);

    // The same event recorded again (as a retrying controller would) is not resent;
    // a different one afterwards is, so the duplicate had its chance to go through.
    const repo = await f.home.get({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      namespace: ns,
      name: 'flux-src',
    });
    await recordEvent(f.home, repo!, {
      type: 'Normal',
      reason: 'NewArtifact',
      message: String(two[1]!.message),
    });
    await recordEvent(f.home, repo!, {
      type: 'Warning',
      reason: 'GitOperationFailed',
      message: 'sentinel failure',
    });
    const all = await eventually(
      () => Promise.resolve(bodies('/flux')),
      (b) => b.some((x) => x.message === 'sentinel failure'),
      { timeoutMs: 30_000 },
    );
    expect(all.map((b) => `${String(b.reason)} ${String(b.severity)}`)).toEqual([
      'NewArtifact info',
      'NewArtifact info',
      'GitOperationFailed error',
    ]);
    for (const r of at('/flux'))
      expect(verifySignature(r.body, hmacKey, r.headers['x-signature'] as string)).toBe(true);
  });

  it('a receiver answering 500 twice then 200 gets the message once, after retries', async () => {
    script.set('/flaky', [500, 500]);
    await f.home.apply(provider('flaky', { type: 'generic', address: `${base}/flaky` }));
    await f.home.apply(alert('on-flaky', 'flaky', 'flaky-src'));
    await f.home.apply(gitRepository('flaky-src'));
    await eventually(
      () => Promise.resolve(at('/flaky')),
      (r) => r.length >= 3,
      { timeoutMs: 60_000 },
    );
    await new Promise((r) => setTimeout(r, 2000));
    expect(at('/flaky')).toHaveLength(3);
    expect(new Set(at('/flaky').map((r) => r.body)).size).toBe(1);
    expect(await f.ferry.metrics.render()).toContain(
      'ferry_notifications_total{provider="generic",result="sent"} 1',
    );
  });

  it('a receiver that keeps failing: a Warning Event on the Alert without the URL’s secret path', async () => {
    script.set('/down/T0KEN', [503, 503, 503, 503, 503]);
    await f.home.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'down', namespace: ns },
      stringData: { address: `${base}/down/T0KEN` },
    });
    await f.home.apply(provider('down', { type: 'generic', secretRef: { name: 'down' } }));
    await f.home.apply(alert('on-down', 'down', 'down-src'));
    await f.home.apply(gitRepository('down-src'));
    const events = await eventually(
      () => eventsFor(f.home, ns, 'on-down'),
      (e) => e.some((x) => x.reason === 'NotificationFailed'),
      { timeoutMs: 60_000 },
    );
    const failed = events.find((x) => x.reason === 'NotificationFailed')!;
    expect(failed.type).toBe('Warning');
    expect(failed.message).toMatch(
      /not delivered after 4 attempt\(s\): receiver 127\.0\.0\.1:\d+ answered 503/,
    );
    expect(failed.message).not.toContain('T0KEN');
    expect(at('/down/T0KEN')).toHaveLength(4);
  });
});

describe('Argo CD notifications (argocd-notifications-cm)', () => {
  const cm = (): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argocd-notifications-cm', namespace: 'argocd' },
    data: {
      'service.webhook.receiver': `url: ${base}\nheaders:\n- name: X-Token\n  value: $receiver-token\n`,
      'template.app-degraded': [
        'message: "{{.app.metadata.name}} is {{.app.status.health.status}}"',
        'webhook:',
        '  receiver:',
        '    method: POST',
        '    path: /argo/{{.app.metadata.name}}',
        '    body: \'{"app": "{{.app.metadata.name}}", "health": "{{.app.status.health.status}}", "message": "{{.app.status.health.message}}"}\'',
      ].join('\n'),
      'trigger.on-health-degraded':
        "- when: app.status.health.status == 'Degraded'\n  send: [app-degraded]\n",
      'service.webhook.late': `url: ${base}/late\n`,
      'trigger.on-out-of-sync-3s':
        "- when: app.status.sync.status == 'OutOfSync'\n  for: 3s\n  send: [app-out-of-sync]\n",
      'trigger.broken': "- when: app.status.health.status = 'Degraded'\n  send: [app-degraded]\n",
    },
  });

  const degradedBodies = (): Array<Record<string, unknown>> => bodies('/argo/widgets');
  async function pushAndRefresh(state: string): Promise<void> {
    await bed.git.pushFolder('widgets', widgetsFolder(state));
    f.ferry.applications.refresh('widgets');
  }

  it('one message per transition to Degraded; a broken trigger is reported and the rest works', async () => {
    await f.home.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'argocd-notifications-secret', namespace: 'argocd' },
      stringData: { 'receiver-token': 'tok-456' },
    });
    await f.home.apply(cm());
    await f.home.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-cm', namespace: 'argocd' },
      data: {
        'ferry.customizations.health.ConfigMap':
          'rules:\n  - when: data.state == "broken"\n    status: Degraded\n    message: "widget is broken"\ndefault: Healthy\n',
      },
    });
    await f.home.apply(gitRepoSecret(bed, 'widgets'));
    await pushAndRefresh('broken');
    await f.home.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'widgets',
        namespace: 'argocd',
        annotations: { 'notifications.argoproj.io/subscribe.on-health-degraded.receiver': '' },
      },
      spec: {
        project: 'default',
        source: { repoURL: bed.git.cloneUrl('widgets', false), path: '.', targetRevision: 'HEAD' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'widgets' },
        syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
      },
    });
    await waitForApp(f.home, 'widgets', (a) => a.status?.health?.status === 'Degraded');
    const [first] = await eventually(
      () => Promise.resolve(degradedBodies()),
      (b) => b.length >= 1,
      { timeoutMs: 30_000 },
    );
    expect(first).toEqual({ app: 'widgets', health: 'Degraded', message: 'widget is broken' });
    expect(at('/argo/widgets')[0]!.headers['x-token']).toBe('tok-456');
    expect(at('/argo/widgets')[0]!.method).toBe('POST');

    // The broken trigger: a Warning Event on the ConfigMap naming the key and the column.
    const cmEvents = await eventually(
      () => eventsFor(f.home, 'argocd', 'argocd-notifications-cm'),
      (e) => e.some((x) => x.reason === 'InvalidNotificationConfig'),
      { timeoutMs: 30_000 },
    );
    expect(cmEvents.find((x) => x.reason === 'InvalidNotificationConfig')?.message).toBe(
      'trigger.broken: condition 1: unexpected character "=" at column 26 of "app.status.health.status = \'Degraded\'"',
    );

    // Still Degraded after more reconciles: no second message.
    f.ferry.applications.refresh('widgets');
    await new Promise((r) => setTimeout(r, 4000));
    expect(degradedBodies()).toHaveLength(1);
    const app = await waitForApp(f.home, 'widgets', () => true);
    expect(
      Object.keys(
        JSON.parse(app.metadata.annotations?.['notified.notifications.argoproj.io'] ?? '{}') as object,
      ),
    ).toHaveLength(1);

    // Recovers, then degrades again: a second message.
    await pushAndRefresh('ok');
    await waitForApp(f.home, 'widgets', (a) => a.status?.health?.status === 'Healthy');
    await eventually(
      () => waitForApp(f.home, 'widgets', () => true),
      (a) => (a.metadata.annotations?.['notified.notifications.argoproj.io'] ?? '{}') === '{}',
      { timeoutMs: 30_000 },
    );
    expect(degradedBodies()).toHaveLength(1);
    await pushAndRefresh('broken');
    await waitForApp(f.home, 'widgets', (a) => a.status?.health?.status === 'Degraded');
    await eventually(
      () => Promise.resolve(degradedBodies()),
      (b) => b.length >= 2,
      { timeoutMs: 30_000 },
    );
  });

  it('Ferry extension `for:`: OutOfSync for longer than 3 s sends one message, not before', async () => {
    await f.home.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'manual',
        namespace: 'argocd',
        annotations: { 'notifications.argoproj.io/subscribe.on-out-of-sync-3s.late': '' },
      },
      spec: {
        project: 'default',
        source: { repoURL: bed.git.cloneUrl('widgets', false), path: '.', targetRevision: 'HEAD' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'manual' },
      },
    });
    await waitForApp(f.home, 'manual', (a) => a.status?.sync?.status === 'OutOfSync');
    const seenOutOfSync = Date.now();
    const [message] = await eventually(
      () => Promise.resolve(bodies('/late')),
      (b) => b.length >= 1,
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    // Ferry saw it OutOfSync at most a moment before this test did.
    expect(Date.now() - seenOutOfSync).toBeGreaterThanOrEqual(2000);
    expect(message).toEqual({
      app: 'manual',
      trigger: 'on-out-of-sync-3s',
      message: 'Application manual has been OutOfSync for a while.',
    });
    await new Promise((r) => setTimeout(r, 4000));
    expect(bodies('/late')).toHaveLength(1);
  });

  it('a restarted controller does not send again (state in notified.notifications.argoproj.io)', async () => {
    const before = degradedBodies().length;
    await f.stop();
    f = await startFerryOn(bed);
    f.ferry.applications.refresh('widgets');
    await waitForApp(f.home, 'widgets', (a) => a.status?.health?.status === 'Degraded' && !a.operation);
    await new Promise((r) => setTimeout(r, 5000));
    expect(degradedBodies()).toHaveLength(before);
    expect(bodies('/late')).toHaveLength(1);
  });
});
