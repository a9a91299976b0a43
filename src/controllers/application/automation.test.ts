import { describe, expect, it } from 'vitest';
import { decideAutoSync, type AutoSyncInput } from './automation.js';

const source = { repoURL: 'http://charts', chart: 'my-app', targetRevision: '1.2.0' };
const base: AutoSyncInput = {
  automated: { prune: true, selfHeal: true },
  syncStatus: 'OutOfSync',
  desiredCount: 4,
  outOfSyncCount: 1,
  pruneOnlyCount: 0,
  revision: '1.2.0',
  source,
};

describe('decideAutoSync', () => {
  it.each<[string, Partial<AutoSyncInput>, boolean]>([
    ['syncs a new revision', { last: { revision: '1.1.0', source, phase: 'Succeeded' } }, true],
    ['syncs the first time', {}, true],
    ['does nothing without automation', { automated: undefined }, false],
    ['does nothing when automation is disabled', { automated: { enabled: false } }, false],
    ['does nothing when Synced', { syncStatus: 'Synced' }, false],
    ['does nothing when Unknown', { syncStatus: 'Unknown' }, false],
    ['refuses an empty render', { desiredCount: 0 }, false],
    [
      'allows an empty render with allowEmpty',
      { desiredCount: 0, automated: { allowEmpty: true, prune: true } },
      true,
    ],
    [
      'self-heals drift at the same revision',
      { last: { revision: '1.2.0', source, phase: 'Succeeded' } },
      true,
    ],
    [
      'reports drift without selfHeal',
      { automated: { prune: true }, last: { revision: '1.2.0', source, phase: 'Succeeded' } },
      false,
    ],
    [
      'does not repeat a failed sync of the same revision',
      { last: { revision: '1.2.0', source, phase: 'Failed' } },
      false,
    ],
    [
      'tries again when the source changed after a failure',
      { last: { revision: '1.2.0', source: { ...source, targetRevision: '1.1.0' }, phase: 'Failed' } },
      true,
    ],
    [
      'skips when only pruning is needed and prune is off',
      { automated: { selfHeal: true }, pruneOnlyCount: 1 },
      false,
    ],
    ['prunes when only pruning is needed and prune is on', { pruneOnlyCount: 1 }, true],
  ])('%s', (_name, patch, expected) => {
    expect(decideAutoSync({ ...base, ...patch }).sync).toBe(expected);
  });

  it('marks a self-heal and carries the prune setting', () => {
    expect(decideAutoSync({ ...base, last: { revision: '1.2.0', source, phase: 'Succeeded' } })).toEqual({
      sync: true,
      prune: true,
      selfHeal: true,
    });
    expect(decideAutoSync({ ...base, automated: { prune: false } })).toEqual({
      sync: true,
      prune: false,
      selfHeal: false,
    });
  });

  it('says why it refuses an empty render', () => {
    const d = decideAutoSync({ ...base, desiredCount: 0 });
    expect(d).toMatchObject({ sync: false, refused: true });
    expect(d.sync === false && d.reason).toMatch(/allowEmpty/);
  });
});
