import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../kube/object.js';
import { decodeRelease, encodeRelease, isPending, toStoredRelease } from './storage.js';
import { valuesDigest } from './values.js';

const release = {
  name: 'my-app',
  namespace: 'apps',
  version: 3,
  info: {
    status: 'deployed' as const,
    first_deployed: '2026-01-01T00:00:00Z',
    last_deployed: '2026-01-02T00:00:00Z',
    description: 'Upgrade complete',
  },
  chart: { metadata: { name: 'my-app', version: '1.2.1', appVersion: '1.2.0' } },
  config: { replicaCount: 3 },
  manifest: '---\nkind: ConfigMap\n',
  hooks: [
    {
      name: 'my-app-test',
      events: ['test'],
      last_run: { started_at: 's', completed_at: 'c', phase: 'Succeeded' },
    },
    { name: 'pre', events: ['pre-install'], last_run: { phase: 'Succeeded' } },
  ],
};

const secret = (data: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  type: 'helm.sh/release.v1',
  metadata: {
    name: 'sh.helm.release.v1.my-app.v3',
    namespace: 'apps',
    labels: { owner: 'helm', name: 'my-app', status: 'deployed', version: '3' },
  },
  data: { release: data },
});

describe('Helm release storage', () => {
  it('decodes what it encodes (base64 of helm base64 of gzip JSON)', () => {
    expect(decodeRelease(secret(encodeRelease(release)))).toEqual(release);
  });

  it('reads status, chart, values digest and test hooks', () => {
    const r = toStoredRelease(secret(encodeRelease(release)));
    expect(r).toMatchObject({
      name: 'my-app',
      namespace: 'apps',
      version: 3,
      status: 'deployed',
      chartName: 'my-app',
      chartVersion: '1.2.1',
      appVersion: '1.2.0',
      configDigest: valuesDigest({ replicaCount: 3 }),
      testHooks: { 'my-app-test': { lastStarted: 's', lastCompleted: 'c', phase: 'Succeeded' } },
    });
    expect(r.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('keeps the digest when only hooks change, not when the status does', () => {
    const a = toStoredRelease(secret(encodeRelease(release)));
    const b = toStoredRelease(secret(encodeRelease({ ...release, hooks: [] })));
    const c = toStoredRelease(
      secret(encodeRelease({ ...release, info: { ...release.info, status: 'superseded' as const } })),
    );
    expect(b.digest).toBe(a.digest);
    expect(c.digest).not.toBe(a.digest);
  });

  it('knows the pending states', () => {
    expect(
      ['pending-install', 'pending-upgrade', 'pending-rollback'].every((s) => isPending(s as never)),
    ).toBe(true);
    expect(isPending('deployed')).toBe(false);
  });
});
