import { describe, expect, it } from 'vitest';
import type { Alert } from '../api/notification/index.js';
import type { KubeObject } from '../kube/object.js';
import { alertMatches, alertProblems, withAlertMetadata } from './alert-match.js';
import { eventKey, fluxEventFrom, type FluxEvent } from './flux-event.js';
import { providerRequest } from './flux-payload.js';
import { verifySignature } from './hmac.js';

const k8sEvent = (over: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: {
    name: 'podinfo.1',
    namespace: 'apps',
    annotations: { 'helm.toolkit.fluxcd.io/revision': '6.5.0', 'other.io/x': 'y' },
  },
  involvedObject: {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    name: 'podinfo',
    namespace: 'apps',
    uid: 'u1',
  },
  type: 'Warning',
  reason: 'UpgradeFailed',
  message: 'Helm upgrade failed: timed out',
  lastTimestamp: '2026-01-01T00:00:00Z',
  reportingInstance: 'ferry-controller',
  ...over,
});

const alert = (spec: Partial<Alert['spec']> = {}): Alert => ({
  apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
  kind: 'Alert',
  metadata: { name: 'on-call', namespace: 'apps' },
  spec: { providerRef: { name: 'hook' }, eventSources: [{ kind: 'HelmRelease', name: '*' }], ...spec },
});

const event = fluxEventFrom(k8sEvent()) as FluxEvent;

describe('Flux events from Kubernetes Events', () => {
  it('maps type to severity, annotations under the group to metadata, group to controller', () => {
    expect(event).toEqual({
      involvedObject: {
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        name: 'podinfo',
        namespace: 'apps',
        uid: 'u1',
      },
      severity: 'error',
      timestamp: '2026-01-01T00:00:00Z',
      message: 'Helm upgrade failed: timed out',
      reason: 'UpgradeFailed',
      metadata: { revision: '6.5.0' },
      reportingController: 'helm-controller',
      reportingInstance: 'ferry-controller',
    });
    expect(fluxEventFrom(k8sEvent({ type: 'Normal' }))?.severity).toBe('info');
  });
  it('ignores Events on objects that are not Flux kinds', () => {
    expect(
      fluxEventFrom(k8sEvent({ involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' } })),
    ).toBeUndefined();
    expect(
      fluxEventFrom(k8sEvent({ involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'x' } })),
    ).toBeUndefined();
  });
  it('keys identical events alike, different messages apart', () => {
    const again = fluxEventFrom(
      k8sEvent({
        metadata: { ...k8sEvent().metadata, name: 'podinfo.2' },
        lastTimestamp: '2026-01-01T00:01:00Z',
      }),
    );
    expect(eventKey(again!)).toBe(eventKey(event));
    expect(eventKey(event)).not.toBe(eventKey({ ...event, message: 'another' }));
  });
});

describe('Alert matching', () => {
  it.each<[string, Partial<Alert['spec']>, boolean]>([
    ['name *', {}, true],
    ['exact name', { eventSources: [{ kind: 'HelmRelease', name: 'podinfo' }] }, true],
    ['name glob', { eventSources: [{ kind: 'HelmRelease', name: 'pod*' }] }, true],
    ['other name', { eventSources: [{ kind: 'HelmRelease', name: 'other' }] }, false],
    ['other kind', { eventSources: [{ kind: 'GitRepository', name: '*' }] }, false],
    [
      'other namespace',
      { eventSources: [{ kind: 'HelmRelease', name: '*', namespace: 'flux-system' }] },
      false,
    ],
    ['severity error', { eventSeverity: 'error' }, true],
    ['suspended', { suspend: true }, false],
    ['inclusion matches', { inclusionList: ['^Helm upgrade'] }, true],
    ['inclusion misses', { inclusionList: ['^Helm install'] }, false],
    ['exclusion matches', { exclusionList: ['timed out'] }, false],
    [
      'matchLabels hold',
      { eventSources: [{ kind: 'HelmRelease', name: '*', matchLabels: { team: 'a' } }] },
      true,
    ],
    [
      'matchLabels miss',
      { eventSources: [{ kind: 'HelmRelease', name: '*', matchLabels: { team: 'b' } }] },
      false,
    ],
  ])('%s', (_name, spec, expected) => {
    expect(alertMatches({ alert: alert(spec), event, labels: { team: 'a' } })).toBe(expected);
  });
  it('error severity drops info events', () => {
    expect(
      alertMatches({ alert: alert({ eventSeverity: 'error' }), event: { ...event, severity: 'info' } }),
    ).toBe(false);
  });
  it('reports invalid regular expressions', () => {
    expect(alertProblems(alert({ exclusionList: ['('] }))[0]).toMatch(
      /^spec\.exclusionList\[0\]: invalid regular expression/,
    );
  });
  it('adds eventMetadata and summary without overriding the event’s keys', () => {
    const withMeta = withAlertMetadata(
      event,
      alert({ eventMetadata: { env: 'prod', revision: 'nope' }, summary: 'prod' }),
    );
    expect(withMeta.metadata).toEqual({ env: 'prod', revision: '6.5.0', summary: 'prod' });
  });
});

describe('provider requests', () => {
  it('generic-hmac signs the exact body with the token', () => {
    const req = providerRequest(
      { type: 'generic-hmac', address: 'http://h/x' },
      { token: 'k', headers: { 'X-A': 'b' } },
      event,
    );
    if ('error' in req) throw new Error(req.error);
    expect(JSON.parse(req.body)).toEqual(event);
    expect(req.headers?.['X-A']).toBe('b');
    expect(req.headers?.['gotk-component']).toBe('helm-controller');
    expect(verifySignature(req.body, 'k', req.headers?.['X-Signature'])).toBe(true);
  });
  it('the Secret address wins; missing token or address is an error', () => {
    const req = providerRequest({ type: 'generic', address: 'http://a' }, { address: 'http://b' }, event);
    expect('url' in req && req.url).toBe('http://b');
    expect(providerRequest({ type: 'generic-hmac', address: 'http://a' }, {}, event)).toEqual({
      error: 'generic-hmac needs the Secret key `token` (the HMAC key)',
    });
    expect(providerRequest({ type: 'generic' }, {}, event)).toHaveProperty('error');
    expect(providerRequest({ type: 'msteams', address: 'http://a' }, {}, event)).toHaveProperty('error');
  });
  it('slack: one attachment as Flux sends it', () => {
    const req = providerRequest(
      { type: 'slack', address: 'http://s', channel: 'ops', username: 'flux' },
      {},
      event,
    );
    if ('error' in req) throw new Error(req.error);
    expect(JSON.parse(req.body)).toEqual({
      channel: 'ops',
      username: 'flux',
      icon_url: 'https://avatars.githubusercontent.com/u/52158677',
      attachments: [
        {
          color: 'danger',
          author_name: 'helmrelease/podinfo.apps',
          text: 'Helm upgrade failed: timed out',
          mrkdwn_in: ['text'],
          fields: [{ title: 'revision', value: '6.5.0', short: false }],
        },
      ],
    });
  });
});
