import { describe, expect, it } from 'vitest';
import { type KubeObject, keyString } from '../../kube/object.js';
import { kube } from './fixtures.js';
import { type PlanInput, type SyncTask, groupByPhaseAndWave, planSync } from './plan.js';
import { parseSyncOptions } from './sync-options.js';

const HOOK = 'argocd.argoproj.io/hook';
const WAVE = 'argocd.argoproj.io/sync-wave';
const OPTIONS = 'argocd.argoproj.io/sync-options';

const ns = 'app';

function plan(input: Partial<PlanInput>): ReturnType<typeof planSync> {
  return planSync({ desired: [], live: [], options: parseSyncOptions([]), prune: true, ...input });
}

/** "phase/wave action key" per task, in plan order. */
const steps = (tasks: SyncTask[]): string[] => tasks.map((t) => `${t.phase}/${t.wave} ${t.action} ${t.key}`);

const keys = (objects: KubeObject[]): string[] => objects.map((o) => keyString(o));

describe('planSync ordering', () => {
  const desired = [
    kube('Deployment', 'web', { namespace: ns }),
    kube('Job', 'cleanup', { namespace: ns, annotations: { [HOOK]: 'SyncFail' } }),
    kube('Service', 'web', { namespace: ns }),
    kube('Pod', '', { namespace: ns, generateName: 'smoke-', annotations: { [HOOK]: 'PostSync' } }),
    kube('Widget', 'w1', { namespace: ns, apiVersion: 'example.com/v1', annotations: { [WAVE]: '1' } }),
    kube('ConfigMap', 'cfg', { namespace: ns, annotations: { [WAVE]: '-1' } }),
    kube('Job', 'migrate', { namespace: ns, annotations: { [HOOK]: 'PreSync' } }),
    kube('Deployment', 'api', { namespace: ns, annotations: { [WAVE]: '2' } }),
    kube('Secret', 'left-alone', { namespace: ns, annotations: { [HOOK]: 'Skip' } }),
    kube('ServiceAccount', 'sa', { namespace: ns }),
    kube('Pod', 'chart-test', { namespace: ns, annotations: { 'helm.sh/hook': 'test' } }),
    kube('CustomResourceDefinition', 'widgets.example.com', {
      spec: { group: 'example.com', names: { kind: 'Widget' } },
    }),
    kube('Job', 'helm-pre', {
      namespace: ns,
      annotations: { 'helm.sh/hook': 'pre-upgrade', 'helm.sh/hook-weight': '-5' },
    }),
    kube('Namespace', ns),
    kube('Deployment', 'admin', { namespace: ns }),
  ];

  it('orders by phase, wave, kind and name; skips Skip and unsupported hooks', () => {
    expect(steps(plan({ desired }).tasks)).toEqual([
      // the namespace joins the earliest task placed in it: a PreSync hook at wave -5
      'PreSync/-5 apply /Namespace//app',
      'PreSync/-5 create-hook batch/Job/app/helm-pre',
      'PreSync/0 create-hook batch/Job/app/migrate',
      'Sync/-1 apply /ConfigMap/app/cfg',
      'Sync/0 apply /ServiceAccount/app/sa',
      'Sync/0 apply apiextensions.k8s.io/CustomResourceDefinition//widgets.example.com',
      'Sync/0 apply /Service/app/web',
      'Sync/0 apply apps/Deployment/app/admin',
      'Sync/0 apply apps/Deployment/app/web',
      'Sync/1 apply example.com/Widget/app/w1',
      'Sync/2 apply apps/Deployment/app/api',
      'PostSync/0 create-hook /Pod/app/smoke-',
      'SyncFail/0 create-hook batch/Job/app/cleanup',
    ]);
  });

  it('groups the plan into run steps', () => {
    const groups = groupByPhaseAndWave(plan({ desired }).tasks).map(
      (g) => `${g.phase}/${g.wave}:${g.tasks.length}`,
    );
    expect(groups).toEqual([
      'PreSync/-5:2',
      'PreSync/0:1',
      'Sync/-1:1',
      'Sync/0:5',
      'Sync/1:1',
      'Sync/2:1',
      'PostSync/0:1',
      'SyncFail/0:1',
    ]);
  });

  it('runs a hook once per phase it names', () => {
    const twice = kube('Job', 'check', { namespace: ns, annotations: { [HOOK]: 'PreSync,PostSync' } });
    const tasks = plan({ desired: [twice] }).tasks;
    expect(steps(tasks)).toEqual([
      'PreSync/0 create-hook batch/Job/app/check',
      'PostSync/0 create-hook batch/Job/app/check',
    ]);
    expect(tasks.every((t) => t.hook && t.object === twice)).toBe(true);
  });

  it.each<[string, KubeObject[], string[]]>([
    [
      'a namespace in a later wave moves up to its first resource',
      [
        kube('Namespace', 'late', { annotations: { [WAVE]: '5' } }),
        kube('ConfigMap', 'c', { namespace: 'late', annotations: { [WAVE]: '2' } }),
      ],
      ['Sync/2 apply /Namespace//late', 'Sync/2 apply /ConfigMap/late/c'],
    ],
    [
      'a CRD in a later wave moves up to its first custom resource',
      [
        kube('Widget', 'w', { namespace: ns, apiVersion: 'example.com/v1', annotations: { [WAVE]: '-2' } }),
        kube('CustomResourceDefinition', 'widgets.example.com', {
          annotations: { [WAVE]: '3' },
          spec: { group: 'example.com', names: { kind: 'Widget' } },
        }),
      ],
      [
        'Sync/-2 apply apiextensions.k8s.io/CustomResourceDefinition//widgets.example.com',
        'Sync/-2 apply example.com/Widget/app/w',
      ],
    ],
    [
      'a CRD for another kind stays where it is',
      [
        kube('Widget', 'w', { namespace: ns, apiVersion: 'example.com/v1', annotations: { [WAVE]: '-2' } }),
        kube('CustomResourceDefinition', 'gadgets.example.com', {
          spec: { group: 'example.com', names: { kind: 'Gadget' } },
        }),
      ],
      [
        'Sync/-2 apply example.com/Widget/app/w',
        'Sync/0 apply apiextensions.k8s.io/CustomResourceDefinition//gadgets.example.com',
      ],
    ],
    [
      'a namespace already early enough stays',
      [
        kube('Namespace', 'early', { annotations: { [WAVE]: '-1' } }),
        kube('ConfigMap', 'c', { namespace: 'early' }),
      ],
      ['Sync/-1 apply /Namespace//early', 'Sync/0 apply /ConfigMap/early/c'],
    ],
  ])('%s', (_, objects, expected) => {
    expect(steps(plan({ desired: objects }).tasks)).toEqual(expected);
  });
});

describe('planSync pruning', () => {
  const keep = kube('ConfigMap', 'keep', { namespace: ns });
  const gone = kube('ConfigMap', 'gone', { namespace: ns });
  const noPrune = kube('Secret', 'precious', { namespace: ns, annotations: { [OPTIONS]: 'Prune=false' } });
  const liveHook = kube('Job', 'migrate', { namespace: ns, annotations: { [HOOK]: 'PreSync' } });
  const liveHelmHook = kube('Job', 'helm-migrate', {
    namespace: ns,
    annotations: { 'helm.sh/hook': 'pre-install' },
  });

  it('prunes live objects no longer desired; never hooks; reports Prune=false', () => {
    const result = plan({ desired: [keep], live: [keep, gone, noPrune, liveHook, liveHelmHook] });
    expect(steps(result.tasks)).toEqual([
      'Sync/0 prune /ConfigMap/app/gone',
      'Sync/0 apply /ConfigMap/app/keep',
    ]);
    expect(result.tasks[0]).toMatchObject({ object: gone, hook: false });
    expect(keys(result.pruneSkipped)).toEqual(['/Secret/app/precious']);
    expect(result.pruneAwaitingConfirmation).toEqual([]);
  });

  it('reports every candidate when the sync does not prune', () => {
    const result = plan({ desired: [keep], live: [keep, gone, noPrune], prune: false });
    expect(steps(result.tasks)).toEqual(['Sync/0 apply /ConfigMap/app/keep']);
    expect(keys(result.pruneSkipped)).toEqual(['/ConfigMap/app/gone', '/Secret/app/precious']);
  });

  it('honours Prune=false on the Application, overridden per resource', () => {
    const allowed = kube('ConfigMap', 'allowed', { namespace: ns, annotations: { [OPTIONS]: 'Prune=true' } });
    const result = plan({ live: [gone, allowed], options: parseSyncOptions(['Prune=false']) });
    expect(steps(result.tasks)).toEqual(['Sync/0 prune /ConfigMap/app/allowed']);
    expect(keys(result.pruneSkipped)).toEqual(['/ConfigMap/app/gone']);
  });

  it('waits for confirmation of Prune=confirm', () => {
    const confirm = kube('Namespace', 'old', { annotations: { [OPTIONS]: 'Prune=confirm' } });
    const waiting = plan({ live: [confirm, gone] });
    expect(steps(waiting.tasks)).toEqual(['Sync/0 prune /ConfigMap/app/gone']);
    expect(waiting.pruneAwaitingConfirmation).toEqual([confirm]);
    const confirmed = plan({ live: [confirm, gone], pruneConfirmed: true });
    expect(steps(confirmed.tasks)).toEqual([
      'Sync/0 prune /ConfigMap/app/gone',
      'Sync/0 prune /Namespace//old',
    ]);
  });

  it('keeps a live object whose desired twin is marked Skip', () => {
    const skipped = kube('Secret', 's', { namespace: ns, annotations: { [HOOK]: 'Skip' } });
    const live = kube('Secret', 's', { namespace: ns });
    const result = plan({ desired: [skipped], live: [live] });
    expect(result.tasks).toEqual([]);
    expect(result.pruneSkipped).toEqual([]);
  });

  it('prunes within a wave before applying, in reverse kind order', () => {
    const live = [
      kube('Namespace', 'old'),
      kube('ConfigMap', 'old-cm', { namespace: 'old' }),
      kube('Deployment', 'old-dep', { namespace: 'old' }),
      kube('Widget', 'old-w', { namespace: 'old', apiVersion: 'example.com/v1' }),
      keep,
    ];
    expect(steps(plan({ desired: [keep], live }).tasks)).toEqual([
      'Sync/0 prune example.com/Widget/old/old-w',
      'Sync/0 prune apps/Deployment/old/old-dep',
      'Sync/0 prune /ConfigMap/old/old-cm',
      'Sync/0 prune /Namespace//old',
      'Sync/0 apply /ConfigMap/app/keep',
    ]);
  });

  it('prunes in reverse wave order: the prune waves are mirrored', () => {
    const atWave = (name: string, wave: number) =>
      kube('ConfigMap', name, { namespace: ns, annotations: { [WAVE]: String(wave) } });
    const desired = [atWave('first', 0), atWave('last', 5)];
    const live = [...desired, atWave('one', 1), atWave('two', 2), atWave('three', 3)];
    expect(steps(plan({ desired, live }).tasks)).toEqual([
      'Sync/0 apply /ConfigMap/app/first',
      'Sync/1 prune /ConfigMap/app/three',
      'Sync/2 prune /ConfigMap/app/two',
      'Sync/3 prune /ConfigMap/app/one',
      'Sync/5 apply /ConfigMap/app/last',
    ]);
  });

  interface PruneLastCase {
    name: string;
    options: string[];
    desired: KubeObject[];
    live: KubeObject[];
    expected: string[];
  }
  const pruneLastCases: PruneLastCase[] = [
    {
      name: 'PruneLast on the Application prunes after the last Sync wave',
      options: ['PruneLast=true'],
      desired: [
        kube('ConfigMap', 'a', { namespace: ns }),
        kube('ConfigMap', 'b', { namespace: ns, annotations: { [WAVE]: '2' } }),
      ],
      live: [gone],
      expected: [
        'Sync/0 apply /ConfigMap/app/a',
        'Sync/2 apply /ConfigMap/app/b',
        'Sync/3 prune /ConfigMap/app/gone',
      ],
    },
    {
      name: 'PruneLast on the live object alone',
      options: [],
      desired: [keep],
      live: [
        gone,
        kube('ConfigMap', 'later', { namespace: ns, annotations: { [OPTIONS]: 'PruneLast=true' } }),
      ],
      expected: [
        'Sync/0 prune /ConfigMap/app/gone',
        'Sync/0 apply /ConfigMap/app/keep',
        'Sync/1 prune /ConfigMap/app/later',
      ],
    },
    {
      name: 'the last wave is never below 1',
      options: ['PruneLast=true'],
      desired: [kube('ConfigMap', 'a', { namespace: ns, annotations: { [WAVE]: '-4' } })],
      live: [gone],
      expected: ['Sync/-4 apply /ConfigMap/app/a', 'Sync/1 prune /ConfigMap/app/gone'],
    },
    {
      name: 'PostSync hooks do not count towards the last wave',
      options: ['PruneLast=true'],
      desired: [kube('Job', 'after', { namespace: ns, annotations: { [HOOK]: 'PostSync', [WAVE]: '9' } })],
      live: [gone],
      expected: ['Sync/1 prune /ConfigMap/app/gone', 'PostSync/9 create-hook batch/Job/app/after'],
    },
  ];

  it.each(pruneLastCases)('$name', ({ options, desired, live, expected }) => {
    expect(steps(plan({ desired, live, options: parseSyncOptions(options) }).tasks)).toEqual(expected);
  });
});

describe('planSync with ApplyOutOfSyncOnly', () => {
  const cm = (name: string) => kube('ConfigMap', name, { namespace: ns });
  const hook = kube('Job', 'migrate', { namespace: ns, annotations: { [HOOK]: 'PreSync' } });
  const desired = [cm('same'), cm('changed'), cm('new'), hook];
  const live = [cm('same'), cm('changed'), cm('gone')];
  const outOfSync = new Set(['/ConfigMap/app/changed', '/ConfigMap/app/new']);

  it('applies only what differs or is missing; hooks and prunes still run', () => {
    const result = plan({ desired, live, outOfSync, options: parseSyncOptions(['ApplyOutOfSyncOnly=true']) });
    expect(steps(result.tasks)).toEqual([
      'PreSync/0 create-hook batch/Job/app/migrate',
      'Sync/0 prune /ConfigMap/app/gone',
      'Sync/0 apply /ConfigMap/app/changed',
      'Sync/0 apply /ConfigMap/app/new',
    ]);
  });

  it('applies a missing object even when the caller left it out of outOfSync', () => {
    const result = plan({
      desired: [cm('new')],
      outOfSync: new Set(),
      options: parseSyncOptions(['ApplyOutOfSyncOnly=true']),
    });
    expect(steps(result.tasks)).toEqual(['Sync/0 apply /ConfigMap/app/new']);
  });

  it.each<[string, Partial<PlanInput>]>([
    ['without the option', { outOfSync }],
    ['without an outOfSync set', { options: parseSyncOptions(['ApplyOutOfSyncOnly=true']) }],
  ])('applies everything %s', (_, input) => {
    const applied = plan({ desired, live, ...input }).tasks.filter((t) => t.action === 'apply');
    expect(applied.map((t) => t.object.metadata.name)).toEqual(['changed', 'new', 'same']);
  });
});
