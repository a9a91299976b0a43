import { describe, expect, it } from 'vitest';
import type { Application } from '../../api/argo/index.js';
import { webhookTargetOf } from './target.js';

function application(spec: Partial<Application['spec']>, annotations?: Record<string, string>): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'guestbook', namespace: 'argocd', annotations },
    spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc' }, ...spec },
  };
}

describe('webhookTargetOf', () => {
  it('takes the single source and the annotations', () => {
    const app = application(
      { source: { repoURL: 'https://github.com/o/r', path: 'apps/guestbook', targetRevision: 'main' } },
      { 'argocd.argoproj.io/manifest-generate-paths': '.' },
    );
    expect(webhookTargetOf(app)).toEqual({
      key: 'argocd/guestbook',
      sources: [{ repoURL: 'https://github.com/o/r', path: 'apps/guestbook', targetRevision: 'main' }],
      annotations: { 'argocd.argoproj.io/manifest-generate-paths': '.' },
    });
  });

  it('takes the Git sources of a multi-source app, leaving Helm charts out', () => {
    const app = application({
      sources: [
        { repoURL: 'https://charts.example.com', chart: 'redis', targetRevision: '18.x' },
        { repoURL: 'https://github.com/o/values', ref: 'values', targetRevision: 'main' },
      ],
    });
    expect(webhookTargetOf(app).sources).toEqual([
      { repoURL: 'https://github.com/o/values', targetRevision: 'main', path: undefined },
    ]);
  });

  it('takes a hydrator’s dry source and the branch it hydrates to', () => {
    const app = application({
      sourceHydrator: {
        drySource: { repoURL: 'https://github.com/o/r', targetRevision: 'HEAD', path: 'dry/guestbook' },
        syncSource: { targetBranch: 'environments/prod', path: 'prod/guestbook' },
      },
    });
    expect(webhookTargetOf(app).sources).toEqual([
      { repoURL: 'https://github.com/o/r', targetRevision: 'HEAD', path: 'dry/guestbook' },
      { repoURL: 'https://github.com/o/r', targetRevision: 'environments/prod', path: 'prod/guestbook' },
    ]);
  });
});
