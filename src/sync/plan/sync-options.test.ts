import { describe, expect, it } from 'vitest';
import { annotated } from './fixtures.js';
import {
  DEFAULT_SYNC_OPTIONS,
  type SyncOptions,
  effectiveSyncOptions,
  parseSyncOptions,
  resourceSyncOptions,
} from './sync-options.js';

describe('parseSyncOptions', () => {
  it('gives Argo CD defaults for no options', () => {
    const expected: SyncOptions = { ...DEFAULT_SYNC_OPTIONS, unknown: [] };
    expect(parseSyncOptions(undefined)).toEqual(expected);
    expect(parseSyncOptions([])).toEqual(expected);
    expect(expected).toMatchObject({
      validate: true,
      prune: true,
      delete: true,
      prunePropagationPolicy: 'foreground',
    });
  });

  it.each<[string, Partial<SyncOptions>]>([
    ['CreateNamespace=true', { createNamespace: true }],
    ['ServerSideApply=true', { serverSideApply: true }],
    ['ServerSideApply=false', { serverSideApply: false }],
    ['PruneLast=true', { pruneLast: true }],
    ['ApplyOutOfSyncOnly=true', { applyOutOfSyncOnly: true }],
    ['Replace=true', { replace: true }],
    ['Force=true', { force: true }],
    ['PrunePropagationPolicy=background', { prunePropagationPolicy: 'background' }],
    ['PrunePropagationPolicy=orphan', { prunePropagationPolicy: 'orphan' }],
    ['PrunePropagationPolicy=foreground', { prunePropagationPolicy: 'foreground' }],
    ['Validate=false', { validate: false }],
    ['Prune=false', { prune: false, pruneConfirm: false }],
    ['Prune=confirm', { prune: true, pruneConfirm: true }],
    ['Delete=false', { delete: false, deleteConfirm: false }],
    ['Delete=confirm', { delete: true, deleteConfirm: true }],
    ['RespectIgnoreDifferences=true', { respectIgnoreDifferences: true }],
    ['FailOnSharedResource=true', { failOnSharedResource: true }],
    ['SkipDryRunOnMissingResource=true', { skipDryRunOnMissingResource: true }],
    ['ClientSideApplyMigration=false', { clientSideApplyMigration: false }],
    ['  PruneLast=true  ', { pruneLast: true }],
  ])('%j', (entry, expected) => {
    expect(parseSyncOptions([entry])).toEqual({ ...DEFAULT_SYNC_OPTIONS, ...expected, unknown: [] });
  });

  it('collects what it does not understand, as written', () => {
    const entries = [
      'Foo=bar',
      'CreateNamespace=yes',
      'createNamespace=true',
      'Prune',
      'PrunePropagationPolicy=Background',
      'Validate=False',
    ];
    expect(parseSyncOptions([...entries, 'Replace=true', ' '])).toEqual({
      ...DEFAULT_SYNC_OPTIONS,
      replace: true,
      unknown: entries,
    });
  });

  it('lets a later entry win', () => {
    expect(parseSyncOptions(['Prune=false', 'Prune=confirm'])).toMatchObject({
      prune: true,
      pruneConfirm: true,
    });
  });
});

describe('resourceSyncOptions', () => {
  const syncOptions = (value: string) => annotated({ 'argocd.argoproj.io/sync-options': value });

  it.each([
    ['no annotation', annotated(), { unknown: [] }],
    [
      'Prune=false,Delete=false,Replace=true',
      syncOptions('Prune=false,Delete=false,Replace=true'),
      { prune: false, pruneConfirm: false, delete: false, deleteConfirm: false, replace: true, unknown: [] },
    ],
    [
      'spaces and empty items',
      syncOptions(' ServerSideApply=false , ,Validate=false'),
      { serverSideApply: false, validate: false, unknown: [] },
    ],
    ['Prune=confirm', syncOptions('Prune=confirm'), { prune: true, pruneConfirm: true, unknown: [] }],
    [
      'Application-only options are unknown here',
      syncOptions('CreateNamespace=true,PruneLast=true,ApplyOutOfSyncOnly=true'),
      { pruneLast: true, unknown: ['CreateNamespace=true', 'ApplyOutOfSyncOnly=true'] },
    ],
    [
      'helm.sh/resource-policy: keep is Delete=false',
      annotated({ 'helm.sh/resource-policy': 'keep' }),
      { delete: false, deleteConfirm: false, unknown: [] },
    ],
  ])('%s', (_, obj, expected) => {
    expect(resourceSyncOptions(obj)).toEqual(expected);
  });
});

describe('effectiveSyncOptions', () => {
  it('lets the resource annotation override the Application', () => {
    const app = parseSyncOptions(['ServerSideApply=true', 'Prune=false', 'Bogus=1']);
    const obj = annotated({ 'argocd.argoproj.io/sync-options': 'ServerSideApply=false,Prune=true,Nope' });
    expect(effectiveSyncOptions(app, obj)).toMatchObject({
      serverSideApply: false,
      prune: true,
      unknown: ['Bogus=1', 'Nope'],
    });
    expect(effectiveSyncOptions(app, annotated())).toEqual(app);
  });
});
