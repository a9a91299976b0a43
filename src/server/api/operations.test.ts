import { describe, expect, it } from 'vitest';
import type { Application } from '../../api/argo/index.js';
import { HttpError } from './http.js';
import { rollbackOperation, syncOperation } from './operations.js';

describe('syncOperation', () => {
  it('builds the operation the CLI writes', () => {
    expect(
      syncOperation({ prune: true, revision: 'v2', resources: [{ kind: 'ConfigMap', name: 'x' }] }, 'alice'),
    ).toEqual({
      sync: {
        prune: true,
        dryRun: false,
        revision: 'v2',
        resources: [{ group: '', kind: 'ConfigMap', name: 'x' }],
      },
      initiatedBy: { username: 'alice' },
    });
  });

  it.each([
    [{ prune: 'yes' }, /"prune" must be true or false/],
    [{ revision: 3 }, /"revision" must be a non-empty string/],
    [{ resources: {} }, /"resources" must be an array/],
    [{ resources: [{ kind: 'ConfigMap' }] }, /resources\[0\]\.name must be a string/],
  ])('refuses %j', (body, message) => {
    expect(() => syncOperation(body, 'alice')).toThrow(message);
  });
});

describe('rollbackOperation', () => {
  const app = (automated: boolean): Application =>
    ({
      metadata: { name: 'web' },
      spec: { destination: {}, syncPolicy: automated ? { automated: {} } : {} },
      status: {
        history: [
          { id: 0, revision: 'a1', source: { repoURL: 'r', targetRevision: 'HEAD' }, deployedAt: '' },
          { id: 1, revision: 'b2', source: { repoURL: 'r', targetRevision: 'HEAD' }, deployedAt: '' },
        ],
      },
    }) as unknown as Application;

  it('redeploys the previous entry by default', () => {
    expect(rollbackOperation(app(false), {}, 'bob')).toEqual({
      sync: { revision: 'a1', source: { repoURL: 'r', targetRevision: 'HEAD' }, prune: true },
      initiatedBy: { username: 'bob' },
    });
  });

  it('is refused while automated, and for unknown ids', () => {
    const status = (fn: () => unknown): number | undefined => {
      try {
        fn();
      } catch (err) {
        return (err as HttpError).status;
      }
      return undefined;
    };
    expect(status(() => rollbackOperation(app(true), {}, 'bob'))).toBe(409);
    expect(status(() => rollbackOperation(app(false), { id: 7 }, 'bob'))).toBe(404);
    expect(status(() => rollbackOperation(app(false), { id: '1' }, 'bob'))).toBe(400);
  });
});
