import { describe, expect, it } from 'vitest';
import type { Application } from '../../api/argo/index.js';
import { countByStatus, filterFromQuery, matches, summarize } from './summary.js';

const app = (name: string, health: string, sync: string, labels: Record<string, string> = {}): Application =>
  ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', labels },
    spec: {
      project: 'team-a',
      source: { repoURL: 'https://git.example/apps.git', path: `apps/${name}`, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
    },
    status: { health: { status: health }, sync: { status: sync, revision: 'abc' } },
  }) as unknown as Application;

describe('summarize', () => {
  it('keeps what a list shows', () => {
    expect(summarize(app('web', 'Healthy', 'Synced', { tier: 'gold' }))).toEqual({
      name: 'web',
      namespace: 'argocd',
      project: 'team-a',
      cluster: 'https://kubernetes.default.svc',
      destNamespace: 'web',
      repo: 'https://git.example/apps.git',
      path: 'apps/web',
      targetRevision: 'main',
      revision: 'abc',
      sync: 'Synced',
      health: 'Healthy',
      operationInProgress: false,
      automated: false,
      labels: { tier: 'gold' },
      conditions: [],
    });
    expect(
      summarize({ ...app('web', 'Healthy', 'Synced'), operation: { sync: {} } }).operationInProgress,
    ).toBe(true);
  });
});

describe('filters', () => {
  const apps = [app('web', 'Healthy', 'Synced', { tier: 'gold' }), app('db', 'Degraded', 'OutOfSync')].map(
    summarize,
  );
  const cases: Array<[string, string[]]> = [
    ['', ['web', 'db']],
    ['health=Degraded', ['db']],
    ['sync=Synced', ['web']],
    ['label=tier=gold', ['web']],
    ['label=tier', ['web']],
    ['label=tier=silver', []],
    ['namespace=db', ['db']],
    ['project=team-a&search=WE', ['web']],
    ['cluster=https://kubernetes.default.svc', ['web', 'db']],
  ];
  it.each(cases)('?%s', (query, expected) => {
    const f = filterFromQuery(new URLSearchParams(query));
    expect(apps.filter((a) => matches(a, f)).map((a) => a.name)).toEqual(expected);
  });

  it('refuses unknown parameters', () => {
    expect(() => filterFromQuery(new URLSearchParams('helth=Degraded'))).toThrow(
      /unknown query parameter "helth"/,
    );
  });

  it('counts by status', () => {
    expect(countByStatus(apps)).toEqual({
      health: { Healthy: 1, Degraded: 1 },
      sync: { Synced: 1, OutOfSync: 1 },
    });
  });
});
