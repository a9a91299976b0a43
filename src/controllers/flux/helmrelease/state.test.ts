import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../api/flux/index.js';
import { determineState, UnknownReleaseStateError, type StateInput } from './state.js';
import type { StoredRelease } from './storage.js';

const stored = (over: Partial<StoredRelease> = {}): StoredRelease => ({
  name: 'my-app',
  namespace: 'my-app',
  version: 2,
  status: 'deployed',
  description: '',
  chartName: 'my-app',
  chartVersion: '1.2.1',
  configDigest: 'sha256:v',
  digest: 'sha256:d2',
  firstDeployed: 't',
  lastDeployed: 't',
  testHooks: {},
  manifest: '',
  secret: { apiVersion: 'v1', kind: 'Secret', metadata: {} },
  ...over,
});

const snapshot = (over: Partial<Snapshot> = {}): Snapshot => ({
  digest: 'sha256:d2',
  name: 'my-app',
  namespace: 'my-app',
  version: 2,
  status: 'deployed',
  chartName: 'my-app',
  chartVersion: '1.2.1',
  configDigest: 'sha256:v',
  firstDeployed: 't',
  lastDeployed: 't',
  ...over,
});

const input = (over: Partial<StateInput> = {}): StateInput => ({
  stored: stored(),
  history: [snapshot()],
  desired: { chartName: 'my-app', chartVersion: '1.2.1', configDigest: 'sha256:v' },
  testEnabled: false,
  testFailuresCount: true,
  ...over,
});

describe('determineState', () => {
  it.each<[string, Partial<StateInput>, string, string?]>([
    ['nothing in storage', { stored: undefined }, 'Absent', 'no release in storage for object'],
    [
      'a pending release',
      { stored: stored({ status: 'pending-upgrade' }) },
      'Locked',
      "release with status 'pending-upgrade'",
    ],
    ['a release made by someone else', { history: [] }, 'Unmanaged', 'found existing release in storage'],
    [
      'an uninstalled release, no history',
      { history: [], stored: stored({ status: 'uninstalled' }) },
      'Absent',
      'found uninstalled release in storage',
    ],
    [
      'a newer release than observed (helm rollback by hand)',
      { stored: stored({ version: 3 }) },
      'Unmanaged',
      'release not observed to be made for object',
    ],
    [
      'a release changed behind our back',
      { stored: stored({ digest: 'sha256:other' }) },
      'Unmanaged',
      'release digest verification failed',
    ],
    [
      'a failed release',
      { stored: stored({ status: 'failed' }), history: [snapshot({ status: 'failed' })] },
      'Failed',
    ],
    ['an uninstalled release we made', { stored: stored({ status: 'uninstalled' }) }, 'Absent'],
    [
      'a new chart version',
      { desired: { chartName: 'my-app', chartVersion: '1.2.2', configDigest: 'sha256:v' } },
      'OutOfSync',
    ],
    [
      'new values',
      { desired: { chartName: 'my-app', chartVersion: '1.2.1', configDigest: 'sha256:w' } },
      'OutOfSync',
      'release config digest changed',
    ],
    ['tests enabled, never run', { testEnabled: true }, 'Untested'],
    [
      'tests enabled, failed',
      { testEnabled: true, history: [snapshot({ testHooks: { t: { phase: 'Failed' } } })] },
      'Failed',
      'release has test in failed phase',
    ],
    [
      'tests enabled, failed but ignored',
      {
        testEnabled: true,
        testFailuresCount: false,
        history: [snapshot({ testHooks: { t: { phase: 'Failed' } } })],
      },
      'InSync',
    ],
    [
      'tests passed',
      { testEnabled: true, history: [snapshot({ testHooks: { t: { phase: 'Succeeded' } } })] },
      'InSync',
    ],
    ['all in order', {}, 'InSync'],
  ])('%s → %s', (_name, over, status, reason) => {
    const state = determineState(input(over));
    expect(state.status).toBe(status);
    if (reason) expect(state.reason).toBe(reason);
  });

  it('cannot tell a superseded latest release', () => {
    expect(() =>
      determineState(input({ stored: stored({ status: 'superseded' }), history: [snapshot()] })),
    ).toThrow(UnknownReleaseStateError);
  });
});
