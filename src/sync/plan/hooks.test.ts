import { describe, expect, it } from 'vitest';
import { annotated, kube } from './fixtures.js';
import {
  type HookDeletePolicy,
  type HookType,
  hookDeletePolicies,
  hookTypes,
  isHook,
  isSkipped,
  syncPhases,
} from './hooks.js';
import type { SyncPhase } from './order.js';

const argo = 'argocd.argoproj.io/hook';
const helm = 'helm.sh/hook';

describe('hooks', () => {
  type Row = [string, Record<string, string>, HookType[], boolean, boolean, SyncPhase[]];
  const rows: Row[] = [
    // name, annotations, types, isHook, isSkipped, phases
    ['no annotation', {}, [], false, false, ['Sync']],
    ['PreSync', { [argo]: 'PreSync' }, ['PreSync'], true, false, ['PreSync']],
    ['Sync', { [argo]: 'Sync' }, ['Sync'], true, false, ['Sync']],
    ['PostSync', { [argo]: 'PostSync' }, ['PostSync'], true, false, ['PostSync']],
    ['SyncFail', { [argo]: 'SyncFail' }, ['SyncFail'], true, false, ['SyncFail']],
    ['PostDelete runs in no sync phase', { [argo]: 'PostDelete' }, ['PostDelete'], true, false, []],
    ['Skip is not a hook', { [argo]: 'Skip' }, ['Skip'], false, true, []],
    ['garbage is a hook of no phase', { [argo]: 'Garbage' }, [], true, false, []],
    ['an empty value is a hook of no phase', { [argo]: '' }, [], true, false, []],
    [
      'two types',
      { [argo]: 'PreSync,PostSync' },
      ['PreSync', 'PostSync'],
      true,
      false,
      ['PreSync', 'PostSync'],
    ],
    ['duplicates collapse', { [argo]: 'Sync, Sync' }, ['Sync'], true, false, ['Sync']],
    [
      'Skip with other types is a hook',
      { [argo]: 'Skip,PreSync,PostSync' },
      ['Skip', 'PreSync', 'PostSync'],
      true,
      false,
      ['PreSync', 'PostSync'],
    ],
    ['garbage next to a type', { [argo]: 'Sync,Garbage' }, ['Sync'], true, false, ['Sync']],
    ['helm pre-install', { [helm]: 'pre-install' }, ['PreSync'], true, false, ['PreSync']],
    ['helm pre-upgrade', { [helm]: 'pre-upgrade' }, ['PreSync'], true, false, ['PreSync']],
    ['helm post-install', { [helm]: 'post-install' }, ['PostSync'], true, false, ['PostSync']],
    ['helm post-upgrade', { [helm]: 'post-upgrade' }, ['PostSync'], true, false, ['PostSync']],
    [
      'helm pre-install,pre-upgrade',
      { [helm]: 'pre-install,pre-upgrade' },
      ['PreSync'],
      true,
      false,
      ['PreSync'],
    ],
    [
      'helm pre-install,post-install',
      { [helm]: 'pre-install, post-install' },
      ['PreSync', 'PostSync'],
      true,
      false,
      ['PreSync', 'PostSync'],
    ],
    ['helm post-delete', { [helm]: 'post-delete' }, ['PostDelete'], true, false, []],
    ['helm test hooks are ignored', { [helm]: 'test' }, [], true, false, []],
    ['helm test-success is ignored', { [helm]: 'test-success' }, [], true, false, []],
    ['helm pre-delete is not run by a sync', { [helm]: 'pre-delete' }, [], true, false, []],
    ['helm crd-install is an ordinary resource', { [helm]: 'crd-install' }, [], false, false, ['Sync']],
    ['Argo CD wins over Helm', { [argo]: 'Sync', [helm]: 'pre-install' }, ['Sync'], true, false, ['Sync']],
    [
      'Helm counts when Argo CD names no type',
      { [argo]: 'Garbage', [helm]: 'pre-install' },
      ['PreSync'],
      true,
      false,
      ['PreSync'],
    ],
    ['Argo CD Skip wins over Helm', { [argo]: 'Skip', [helm]: 'pre-install' }, ['Skip'], false, true, []],
  ];
  const cases = rows.map(([name, annotations, types, hook, skipped, phases]) => ({
    name,
    obj: annotated(annotations),
    expected: { types, hook, skipped, phases },
  }));

  it.each(cases)('$name', ({ obj, expected }) => {
    const actual = {
      types: hookTypes(obj),
      hook: isHook(obj),
      skipped: isSkipped(obj),
      phases: syncPhases(obj),
    };
    expect(actual).toEqual(expected);
  });

  it('reads objects without annotations at all', () => {
    const obj = kube('ConfigMap', 'plain');
    expect([hookTypes(obj), isHook(obj), syncPhases(obj)]).toEqual([[], false, ['Sync']]);
  });
});

describe('hookDeletePolicies', () => {
  const policy = 'argocd.argoproj.io/hook-delete-policy';
  const helmPolicy = 'helm.sh/hook-delete-policy';

  it.each<[string, Record<string, string>, HookDeletePolicy[]]>([
    ['BeforeHookCreation by default', {}, ['BeforeHookCreation']],
    ['HookSucceeded', { [policy]: 'HookSucceeded' }, ['HookSucceeded']],
    ['two policies', { [policy]: 'HookSucceeded, HookFailed' }, ['HookSucceeded', 'HookFailed']],
    ['garbage only: the default', { [policy]: 'Always' }, ['BeforeHookCreation']],
    [
      'helm policies mapped',
      { [helmPolicy]: 'hook-succeeded,before-hook-creation' },
      ['HookSucceeded', 'BeforeHookCreation'],
    ],
    ['helm hook-failed', { [helmPolicy]: 'hook-failed' }, ['HookFailed']],
    [
      'Argo CD and Helm together',
      { [policy]: 'HookFailed', [helmPolicy]: 'hook-succeeded' },
      ['HookFailed', 'HookSucceeded'],
    ],
    [
      'duplicates collapse',
      { [policy]: 'BeforeHookCreation', [helmPolicy]: 'before-hook-creation' },
      ['BeforeHookCreation'],
    ],
  ])('%s', (_, annotations, expected) => {
    expect(hookDeletePolicies(annotated(annotations))).toEqual(expected);
  });
});
