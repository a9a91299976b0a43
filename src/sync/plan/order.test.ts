import { describe, expect, it } from 'vitest';
import { keyString } from '../../kube/object.js';
import { kube } from './fixtures.js';
import {
  type SyncAction,
  type SyncPhase,
  type SyncTask,
  compareTasks,
  groupByPhaseAndWave,
} from './order.js';

/** A task in `slot`, written "phase/wave". */
function task(kind: string, name: string, slot = 'Sync/0', action: SyncAction = 'apply'): SyncTask {
  const [phase, wave] = slot.split('/') as [SyncPhase, string];
  const object = kube(kind, name, { namespace: 'ns' });
  return {
    key: keyString(object),
    object,
    phase,
    wave: Number(wave),
    hook: action === 'create-hook',
    action,
  };
}

const label = (t: SyncTask): string =>
  `${t.phase}/${t.wave} ${t.action} ${t.object.kind}/${t.object.metadata.name}`;

describe('compareTasks', () => {
  const ordered = [
    task('Job', 'migrate', 'PreSync/-1', 'create-hook'),
    task('Job', 'migrate2', 'PreSync/0', 'create-hook'),
    task('ConfigMap', 'early', 'Sync/-5'),
    task('Deployment', 'old', 'Sync/0', 'prune'),
    task('ConfigMap', 'old', 'Sync/0', 'prune'),
    task('Namespace', 'old', 'Sync/0', 'prune'),
    task('Namespace', 'app'),
    task('ConfigMap', 'a'),
    task('ConfigMap', 'b'),
    task('Service', 'web'),
    task('Deployment', 'api'),
    task('Deployment', 'web'),
    task('Job', 'sync-hook', 'Sync/0', 'create-hook'),
    task('Widget', 'w'),
    task('Deployment', 'late', 'Sync/10'),
    task('Pod', 'smoke', 'PostSync/0', 'create-hook'),
    task('Job', 'cleanup', 'SyncFail/0', 'create-hook'),
  ];

  it('orders by phase, wave, prunes first, kind (reversed for prunes), name', () => {
    const odd = ordered.filter((_, i) => i % 2 === 1);
    const even = ordered.filter((_, i) => i % 2 === 0).reverse();
    expect([...odd, ...even].sort(compareTasks).map(label)).toEqual(ordered.map(label));
  });

  it('is antisymmetric and total', () => {
    for (const a of ordered) {
      for (const b of ordered) {
        expect(Math.sign(compareTasks(a, b)) + Math.sign(compareTasks(b, a))).toBe(0);
        if (a !== b) expect(compareTasks(a, b)).not.toBe(0);
      }
    }
  });

  it('compares names byte-wise, not by locale', () => {
    expect([task('Pod', 'b'), task('Pod', 'B'), task('Pod', 'a')].sort(compareTasks).map(label)).toEqual([
      'Sync/0 apply Pod/B',
      'Sync/0 apply Pod/a',
      'Sync/0 apply Pod/b',
    ]);
  });
});

describe('groupByPhaseAndWave', () => {
  it('cuts sorted tasks into run groups', () => {
    const tasks = [
      task('Pod', 'smoke', 'PostSync/0', 'create-hook'),
      task('Deployment', 'web', 'Sync/1'),
      task('ConfigMap', 'cfg', 'Sync/1'),
      task('Job', 'migrate', 'PreSync/0', 'create-hook'),
      task('Service', 'web', 'Sync/-1'),
    ];
    const groups = groupByPhaseAndWave(tasks).map((g) => ({
      slot: `${g.phase}/${g.wave}`,
      names: g.tasks.map((t) => t.object.metadata.name),
    }));
    expect(groups).toEqual([
      { slot: 'PreSync/0', names: ['migrate'] },
      { slot: 'Sync/-1', names: ['web'] },
      { slot: 'Sync/1', names: ['cfg', 'web'] },
      { slot: 'PostSync/0', names: ['smoke'] },
    ]);
  });

  it('gives nothing for nothing', () => {
    expect(groupByPhaseAndWave([])).toEqual([]);
  });
});
