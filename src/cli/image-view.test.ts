import { describe, expect, it } from 'vitest';
import type { ImagePolicy, ImageRepository } from '../api/image/index.js';
import { policiesTable, repositoriesTable, scanSummary } from './image-view.js';

const readyTrue = (message: string) => [
  { type: 'Ready', status: 'True' as const, reason: 'Succeeded', message, lastTransitionTime: '' },
];

const repo: ImageRepository = {
  apiVersion: 'image.toolkit.fluxcd.io/v1',
  kind: 'ImageRepository',
  metadata: { name: 'my-app', namespace: 'flux-system' },
  spec: { image: 'ghcr.io/org/my-app', interval: '1m' },
  status: {
    lastScanResult: { tagCount: 4, scanTime: '2026-01-01T00:00:00Z', latestTags: ['1.1.0', '1.0.0'] },
    conditions: readyTrue('successful scan: found 4 tags'),
  },
};

const policy: ImagePolicy = {
  apiVersion: 'image.toolkit.fluxcd.io/v1',
  kind: 'ImagePolicy',
  metadata: { name: 'my-app', namespace: 'flux-system' },
  spec: { imageRepositoryRef: { name: 'my-app' }, policy: { semver: { range: '>=1.0.0' } } },
  status: {
    latestRef: { name: 'ghcr.io/org/my-app', tag: '1.1.0' },
    observedPreviousRef: { name: 'ghcr.io/org/my-app', tag: '1.0.0' },
    conditions: readyTrue("Latest image tag for 'ghcr.io/org/my-app' updated from 1.0.0 to 1.1.0"),
  },
};

describe('image tables', () => {
  it('lists repositories with tag count and last scan', () => {
    const out = repositoriesTable([repo], false, Date.parse('2026-01-01T00:05:00Z'));
    expect(out.split('\n')[1]).toMatch(
      /^my-app\s+ghcr.io\/org\/my-app\s+4\s+2026-01-01T00:00:00Z \(5m ago\)\s+False\s+True\s+successful scan: found 4 tags$/,
    );
    const never = repositoriesTable([{ ...repo, status: undefined }], true);
    expect(never.split('\n')[1]).toMatch(
      /^flux-system\s+my-app\s+ghcr.io\/org\/my-app\s+never\s+False\s+Unknown$/,
    );
  });

  it('lists policies with latest and previous image', () => {
    expect(policiesTable([policy], false).split('\n')[1]).toMatch(
      /^my-app\s+my-app\s+ghcr.io\/org\/my-app:1.1.0\s+ghcr.io\/org\/my-app:1.0.0\s+True\s+Latest image tag/,
    );
  });

  it('summarises a scan with its policies', () => {
    expect(scanSummary(repo, [policy])).toBe(
      'ghcr.io/org/my-app: 4 tags (scanned 2026-01-01T00:00:00Z)\nlatest tags: 1.1.0, 1.0.0\npolicy my-app: ghcr.io/org/my-app:1.1.0\n',
    );
  });
});
