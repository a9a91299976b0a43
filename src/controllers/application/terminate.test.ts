import { describe, expect, it } from 'vitest';
import type { Application } from '../../api/argo/index.js';
import { terminationPatch, terminationRequested } from './terminate.js';

const app = (extra: Partial<Application>): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'web', namespace: 'argocd' },
  spec: { destination: {}, project: 'default' },
  ...extra,
});

describe('terminationPatch', () => {
  const now = new Date('2026-01-02T03:04:05Z');

  it('is undefined when no operation is in progress', () => {
    expect(terminationPatch(app({}), 'alice', now)).toBeUndefined();
  });

  it('marks the operation Terminating, keeping the start of a running one', () => {
    const running = app({
      operation: { sync: { prune: true } },
      status: {
        operationState: {
          operation: { sync: { prune: true } },
          phase: 'Running',
          startedAt: '2026-01-02T03:00:00Z',
          retryCount: 2,
        },
      },
    });
    expect(terminationPatch(running, 'alice', now)).toEqual({
      status: {
        operationState: {
          operation: { sync: { prune: true } },
          phase: 'Terminating',
          message: 'termination requested by alice',
          startedAt: '2026-01-02T03:00:00Z',
          finishedAt: null,
          syncResult: null,
        },
      },
    });
  });

  it('starts a fresh state over a finished one, and the controller sees the request', () => {
    const pending = app({
      operation: { sync: {} },
      status: {
        operationState: { operation: { sync: {} }, phase: 'Succeeded', startedAt: '2025-01-01T00:00:00Z' },
      },
    });
    const patch = terminationPatch(pending, 'bob', now) as { status: Application['status'] };
    expect(patch.status?.operationState).toMatchObject({ startedAt: now.toISOString(), retryCount: null });
    expect(terminationRequested(app({ status: patch.status }))).toBe(true);
    expect(terminationRequested(pending)).toBe(false);
  });
});
