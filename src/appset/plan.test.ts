import { describe, expect, it } from 'vitest';
import type { Application, ApplicationsSyncPolicy } from '../api/argo/index.js';
import { controllingAppSet, planApplications } from './plan.js';
import { appSet } from './testutil.js';

const set = appSet({}, 'my-app');
const owner = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ApplicationSet',
  name: 'my-app',
  uid: 'uid-1',
  controller: true,
  blockOwnerDeletion: true,
};

function app(name: string, revision = 'main', meta: Partial<Application['metadata']> = {}): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'], ...meta },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git/x', path: name, targetRevision: revision },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
    },
  };
}
const live = (a: Application, extra: Partial<Application['metadata']> = {}): Application => ({
  ...a,
  metadata: {
    ...a.metadata,
    ownerReferences: [owner],
    uid: `uid-${a.metadata.name}`,
    resourceVersion: '7',
    ...extra,
  },
  status: { sync: { status: 'Synced' } },
});
const actions = (plan: ReturnType<typeof planApplications>): string[] =>
  plan.changes.map(
    (c) => `${c.action} ${c.action === 'delete' ? c.current.metadata.name : c.app.metadata.name}`,
  );
const withPolicy = (policy: ApplicationsSyncPolicy) =>
  appSet({ syncPolicy: { applicationsSync: policy } }, 'my-app');

describe('planApplications', () => {
  it('creates missing Applications with the ApplicationSet as controlling owner', () => {
    const plan = planApplications(set, [app('a')], []);
    expect(plan.changes).toEqual([
      {
        action: 'create',
        app: { ...app('a'), metadata: { ...app('a').metadata, ownerReferences: [owner] } },
      },
    ]);
  });

  it('changes nothing when the owned Applications match', () => {
    const plan = planApplications(set, [app('a'), app('b')], [live(app('a')), live(app('b'))]);
    expect(plan).toEqual({ changes: [], unchanged: ['a', 'b'], problems: [] });
  });

  it('updates the spec and keeps status, uid and preserved annotations', () => {
    const current = live(app('a'), { annotations: { 'argocd.argoproj.io/refresh': 'hard', other: 'x' } });
    const plan = planApplications(set, [app('a', 'v2')], [current]);
    expect(actions(plan)).toEqual(['update a']);
    const next = plan.changes[0]!.action === 'update' ? plan.changes[0]!.app : undefined;
    expect(next?.spec.source?.targetRevision).toBe('v2');
    expect(next?.status).toEqual(current.status);
    expect(next?.metadata.uid).toBe('uid-a');
    expect(next?.metadata.annotations).toEqual({ 'argocd.argoproj.io/refresh': 'hard' });
  });

  it('deletes owned Applications no longer generated, never others', () => {
    const stranger = {
      ...app('c'),
      metadata: { ...app('c').metadata, ownerReferences: [{ ...owner, name: 'other' }] },
    };
    const plan = planApplications(
      set,
      [app('a')],
      [live(app('a')), live(app('b')), stranger, app('unowned')],
    );
    expect(actions(plan)).toEqual(['delete b']);
  });

  it.each([
    ['sync', ['create new', 'update a', 'delete b']],
    ['create-update', ['create new', 'update a']],
    ['create-delete', ['create new', 'delete b']],
    ['create-only', ['create new']],
  ] as Array<[ApplicationsSyncPolicy, string[]]>)('applicationsSync %s allows %j', (policy, expected) => {
    const plan = planApplications(
      withPolicy(policy),
      [app('new'), app('a', 'v2')],
      [live(app('a')), live(app('b'))],
    );
    expect(actions(plan)).toEqual(expected);
  });

  it('refuses Applications another ApplicationSet controls', () => {
    const theirs = {
      ...app('a'),
      metadata: { ...app('a').metadata, ownerReferences: [{ ...owner, name: 'other' }] },
    };
    expect(planApplications(set, [app('a')], [theirs]).problems).toEqual([
      'Application a is already controlled by ApplicationSet other',
    ]);
  });

  it('keeps fields named by ignoreApplicationDifferences', () => {
    const ignoring = appSet(
      { ignoreApplicationDifferences: [{ jsonPointers: ['/spec/source/targetRevision'] }] },
      'my-app',
    );
    const current = live(app('a', 'edited-by-hand'));
    expect(planApplications(ignoring, [app('a', 'main')], [current]).changes).toEqual([]);
  });

  it('normalizes the spec like Argo CD: empty project is default, empty blocks dropped', () => {
    const generated = app('a');
    generated.spec = {
      ...generated.spec,
      project: '',
      syncPolicy: {},
      source: { ...generated.spec.source!, helm: {} },
    };
    const plan = planApplications(set, [generated], [live(app('a'))]);
    expect(plan.changes).toEqual([]);
  });

  it('finds the controlling ApplicationSet', () => {
    expect(controllingAppSet(live(app('a')))).toBe('my-app');
    expect(controllingAppSet(app('a'))).toBeUndefined();
  });
});
