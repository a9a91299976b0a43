import { describe, expect, it } from 'vitest';
import type { KubeObject, ManagedFieldsEntry } from '../kube/object.js';
import {
  diffObject,
  InvalidIgnoreRuleError,
  validateIgnoreRules,
  type DiffOptions,
  type FieldChange,
} from './index.js';
import { asLive, b64, deployment, secret } from './testutil.js';

const withContainers = (containers: unknown[], init?: unknown[]): KubeObject =>
  deployment({ template: { spec: { containers, ...(init ? { initContainers: init } : {}) } } });

const app = { name: 'app', image: 'nginx:1.27' };
const injected = { name: 'injected-init-container', image: 'busybox' };

const hpaOwnsReplicas: ManagedFieldsEntry = {
  manager: 'kube-controller-manager',
  operation: 'Update',
  apiVersion: 'apps/v1',
  fieldsType: 'FieldsV1',
  fieldsV1: { 'f:spec': { 'f:replicas': {} } },
};

function webhookConfig(caBundles: string[]): KubeObject {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: 'hooks' },
    webhooks: caBundles.map((caBundle, i) => ({ name: `w${i}.example.com`, clientConfig: { caBundle } })),
  };
}

describe('diffObject: full mode', () => {
  it.each<[string, KubeObject | undefined, KubeObject | undefined, FieldChange[]]>([
    ['server fields do not count', deployment(), asLive(deployment(), [hpaOwnsReplicas]), []],
    [
      'a changed field',
      deployment({ replicas: 3 }),
      asLive(deployment({ replicas: 2 })),
      [{ path: '/spec/replicas', kind: 'changed', desired: 3, live: 2 }],
    ],
    [
      'an added label, escaped',
      deployment({}, { labels: { 'app.kubernetes.io/name': 'gb' } }),
      deployment(),
      [{ path: '/metadata/labels', kind: 'added', desired: { 'app.kubernetes.io/name': 'gb' } }],
    ],
    [
      'a field only live has',
      deployment(),
      deployment({ paused: true }),
      [{ path: '/spec/paused', kind: 'removed', live: true }],
    ],
    [
      'a changed image in a list',
      withContainers([{ ...app, image: 'nginx:1.28' }]),
      withContainers([app]),
      [
        {
          path: '/spec/template/spec/containers/0/image',
          kind: 'changed',
          desired: 'nginx:1.28',
          live: 'nginx:1.27',
        },
      ],
    ],
    ['missing live', deployment(), undefined, [{ path: '', kind: 'added', desired: deployment() }]],
    ['missing desired', undefined, deployment(), [{ path: '', kind: 'removed', live: deployment() }]],
    ['both missing', undefined, undefined, []],
  ])('%s', (_name, desired, live, changes) => {
    const result = diffObject(desired, live);
    expect(result.changes).toEqual(changes);
    expect(result.equal).toBe(changes.length === 0);
  });

  it('returns the normalized objects and leaves the inputs alone', () => {
    const live = asLive(deployment());
    const before = JSON.stringify(live);
    const result = diffObject(deployment(), live);
    expect(result.live).toEqual(deployment());
    expect(result.desired).toEqual(deployment());
    expect(JSON.stringify(live)).toBe(before);
  });
});

describe('diffObject: desired-subset mode', () => {
  const subset: DiffOptions = { mode: 'desired-subset' };
  const raw = deployment({ selector: {} }, { namespace: undefined, annotations: {} });
  const defaulted = asLive(
    deployment({
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate' },
      template: {
        spec: {
          restartPolicy: 'Always',
          containers: [
            { ...app, imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' },
          ],
        },
      },
    }),
  );

  it('ignores server defaults that the manifest does not set', () => {
    expect(diffObject(raw, defaulted, subset)).toMatchObject({ equal: true, changes: [] });
    expect(diffObject(raw, defaulted).equal).toBe(false);
  });

  it('reports what the manifest sets differently, and shows live cut to the manifest', () => {
    const result = diffObject(deployment({ replicas: 4 }), defaulted, subset);
    expect(result.changes).toEqual([{ path: '/spec/replicas', kind: 'changed', desired: 4, live: 1 }]);
    expect(result.live?.spec).toEqual({ replicas: 1, template: { spec: { containers: [app] } } });
  });

  it('reports a container the cluster added', () => {
    const result = diffObject(withContainers([app]), withContainers([app, { name: 'sidecar' }]), subset);
    expect(result.changes).toEqual([
      { path: '/spec/template/spec/containers/1', kind: 'removed', live: { name: 'sidecar' } },
    ]);
  });
});

describe('diffObject: ignoreDifferences (Argo CD documented examples)', () => {
  it.each<[string, KubeObject, KubeObject, DiffOptions]>([
    [
      'jsonPointers /spec/replicas of every Deployment',
      deployment({ replicas: 1 }),
      asLive(deployment({ replicas: 5 })),
      { ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }] },
    ],
    [
      'jsonPointers narrowed by name and namespace',
      deployment({ replicas: 1 }),
      deployment({ replicas: 5 }),
      {
        ignoreDifferences: [
          {
            group: 'apps',
            kind: 'Deployment',
            name: 'guestbook',
            namespace: 'default',
            jsonPointers: ['/spec/replicas'],
          },
        ],
      },
    ],
    [
      'a pointer with an escaped key',
      deployment({}, { annotations: { 'example.com/rev': '1' } }),
      deployment({}, { annotations: { 'example.com/rev': '2' } }),
      {
        ignoreDifferences: [
          { group: 'apps', kind: 'Deployment', jsonPointers: ['/metadata/annotations/example.com~1rev'] },
        ],
      },
    ],
    [
      'jq: an injected init container (the list left empty is pruned)',
      withContainers([app]),
      withContainers([app], [injected]),
      {
        ignoreDifferences: [
          {
            group: 'apps',
            kind: 'Deployment',
            jqPathExpressions: [
              '.spec.template.spec.initContainers[] | select(.name == "injected-init-container")',
            ],
          },
        ],
      },
    ],
    [
      'jq: select with startswith',
      withContainers([app]),
      withContainers([app, { name: 'istio-proxy', image: 'proxyv2' }]),
      {
        ignoreDifferences: [
          {
            group: 'apps',
            kind: 'Deployment',
            jqPathExpressions: ['.spec.template.spec.containers[] | select(.name | startswith("istio"))'],
          },
        ],
      },
    ],
    [
      'jq: caBundle of every MutatingWebhookConfiguration webhook',
      webhookConfig(['', '']),
      webhookConfig(['LS0tQ0EtMQ==', 'LS0tQ0EtMg==']),
      {
        ignoreDifferences: [
          {
            group: 'admissionregistration.k8s.io',
            kind: 'MutatingWebhookConfiguration',
            jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
          },
        ],
      },
    ],
    [
      'managedFieldsManagers: kube-controller-manager owns replicas',
      deployment({ replicas: 1 }),
      asLive(deployment({ replicas: 7 }), [hpaOwnsReplicas]),
      { ignoreDifferences: [{ group: '*', kind: '*', managedFieldsManagers: ['kube-controller-manager'] }] },
    ],
    [
      'managedFieldsManagers: a keyed container added by a webhook',
      withContainers([app]),
      asLive(withContainers([app, { name: 'istio-proxy', image: 'proxyv2' }]), [
        {
          manager: 'istio-sidecar-injector',
          operation: 'Update',
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:spec': {
              'f:template': {
                'f:spec': {
                  'f:containers': { 'k:{"name":"istio-proxy"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
                },
              },
            },
          },
        },
      ]),
      {
        ignoreDifferences: [
          { group: 'apps', kind: 'Deployment', managedFieldsManagers: ['istio-sidecar-injector'] },
        ],
      },
    ],
  ])('%s', (_name, desired, live, options) => {
    expect(diffObject(desired, live).equal).toBe(false);
    expect(diffObject(desired, live, options)).toMatchObject({ equal: true, changes: [] });
  });

  it.each<[string, DiffOptions]>([
    [
      'another kind',
      { ignoreDifferences: [{ group: 'apps', kind: 'StatefulSet', jsonPointers: ['/spec/replicas'] }] },
    ],
    [
      'the core group by default',
      { ignoreDifferences: [{ kind: 'Deployment', jsonPointers: ['/spec/replicas'] }] },
    ],
    [
      'another name',
      {
        ignoreDifferences: [
          { group: 'apps', kind: 'Deployment', name: 'x', jsonPointers: ['/spec/replicas'] },
        ],
      },
    ],
    [
      'a manager that owns nothing there',
      { ignoreDifferences: [{ group: '*', kind: '*', managedFieldsManagers: ['someone'] }] },
    ],
  ])('does not apply to %s', (_name, options) => {
    const live = asLive(deployment({ replicas: 7 }), [hpaOwnsReplicas]);
    expect(diffObject(deployment({ replicas: 1 }), live, options).equal).toBe(false);
  });

  it('keeps other differences visible', () => {
    const options = {
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
    };
    const result = diffObject(
      deployment({ replicas: 1, paused: true }),
      deployment({ replicas: 3 }),
      options,
    );
    expect(result.changes).toEqual([{ path: '/spec/paused', kind: 'added', desired: true }]);
    expect(result.live?.spec).not.toHaveProperty('replicas');
  });

  it('throws InvalidIgnoreRuleError for a bad rule, even one that would not match', () => {
    const options = {
      ignoreDifferences: [{ group: 'x', kind: 'Nothing', jqPathExpressions: ['.a | keys'] }],
    };
    expect(() => diffObject(deployment(), deployment(), options)).toThrow(InvalidIgnoreRuleError);
    expect(() => validateIgnoreRules(options.ignoreDifferences)).toThrow(/unsupported "keys"/);
    expect(() =>
      validateIgnoreRules([{ kind: 'Deployment', jsonPointers: ['/spec/replicas'] }]),
    ).not.toThrow();
  });
});

describe('diffObject: Secrets never show their values', () => {
  const desiredValue = 'desired-p4ssw0rd-value';
  const liveValue = 'live-p4ssw0rd-value';
  const oldValue = 'old-p4ssw0rd-value';
  const forbidden = [desiredValue, liveValue, oldValue, b64(desiredValue), b64(liveValue), b64(oldValue)];

  const live = asLive(secret({ data: { password: b64(liveValue), user: b64('admin') } }));
  live.metadata.annotations = {
    'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(
      secret({ stringData: { password: oldValue } }),
    ),
  };
  const desired = secret({ stringData: { password: desiredValue, user: 'admin' } });

  it.each<[string, DiffOptions]>([
    ['full', {}],
    ['desired-subset', { mode: 'desired-subset' }],
  ])('%s mode: a change shows as differing masks', (_name, options) => {
    const result = diffObject(desired, live, options);
    expect(result.equal).toBe(false);
    expect(result.changes).toEqual([
      { path: '/data/password', kind: 'changed', desired: '++++++++', live: '++++++++++++' },
    ]);
    expect(result.desired?.data).toEqual({ password: '++++++++', user: '++++++++' });
    const text = JSON.stringify(result);
    for (const value of forbidden) expect(text).not.toContain(value);
  });

  it('stringData in Git equals the same data in the cluster', () => {
    expect(
      diffObject(secret({ stringData: { a: 'same' } }), secret({ data: { a: b64('same') } })).equal,
    ).toBe(true);
  });

  it('a one-sided Secret is masked too', () => {
    const text = JSON.stringify([diffObject(desired, undefined), diffObject(undefined, live)]);
    for (const value of forbidden) expect(text).not.toContain(value);
  });
});
