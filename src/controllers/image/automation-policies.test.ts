import { describe, expect, it } from 'vitest';
import type { ImagePolicy } from '../../api/image/index.js';
import { latestOf, parseImage } from './automation-policies.js';
import { statusMessage } from './automation-reconcile.js';
import type { RunReport } from './automation-run.js';

const policy = (status: ImagePolicy['status']): ImagePolicy =>
  ({
    apiVersion: 'image.toolkit.fluxcd.io/v1',
    kind: 'ImagePolicy',
    metadata: { name: 'p' },
    spec: {},
    status,
  }) as ImagePolicy;

describe('the images policies report', () => {
  it('parses v1beta2 latestImage strings, registry ports and digests included', () => {
    expect(parseImage('ghcr.io/org/app:1.1.0')).toEqual({ name: 'ghcr.io/org/app', tag: '1.1.0' });
    expect(parseImage('127.0.0.1:5000/org/app:v2@sha256:abc')).toEqual({
      name: '127.0.0.1:5000/org/app',
      tag: 'v2',
      digest: 'sha256:abc',
    });
    expect(parseImage('127.0.0.1:5000/org/app')).toBeUndefined();
  });

  it("prefers v1's latestRef, falls back to latestImage, and skips a policy without either", () => {
    const ref = { name: 'reg/app', tag: '1.1.0', digest: 'sha256:d' };
    expect(latestOf(policy({ latestRef: ref, latestImage: 'reg/app:0.9' }))).toEqual(ref);
    expect(latestOf(policy({ latestImage: 'reg/app:0.9' }))).toEqual({ name: 'reg/app', tag: '0.9' });
    expect(latestOf(policy({}))).toBeUndefined();
  });
});

describe('statusMessage', () => {
  const report = (over: Partial<RunReport>): RunReport => ({
    changes: [],
    files: [],
    pushed: false,
    attempts: 1,
    target: "branch 'main'",
    observed: {},
    ...over,
  });

  it("says what was pushed where, as Flux's Ready message", () => {
    expect(statusMessage(report({ pushed: true, commit: 'abc1234def' }), undefined)).toBe(
      "committed and pushed commit 'abc1234def' to branch 'main'",
    );
  });

  it('says nothing changed, with the last push when there was one', () => {
    expect(statusMessage(report({}), undefined)).toBe('no updates made');
    expect(
      statusMessage(report({}), { lastPushCommit: 'abc1234def', lastPushTime: '2026-01-01T00:00:00Z' }),
    ).toBe('no updates made; last commit abc1234 at 2026-01-01T00:00:00Z');
  });
});
