import { describe, expect, it } from 'vitest';
import { appsToRefresh, type WebhookSource, type WebhookTarget } from './match.js';
import { MANIFEST_GENERATE_PATHS } from './refresh-paths.js';
import { revisionMatches, isSemverRange } from './revision.js';
import { pushEvent } from './testutil.js';
import type { PushEvent } from './types.js';

const REPO = 'https://github.com/example-org/gitops.git';
const branchPush = pushEvent();
const featurePush = pushEvent({ ref: 'refs/heads/feature/x', branch: 'feature/x' });
const tagPush = pushEvent({ ref: 'refs/tags/v1.4.0', branch: undefined, tag: 'v1.4.0', changedFiles: [] });
const unknownDefault = pushEvent({ ref: 'refs/heads/develop', branch: 'develop', defaultBranch: undefined });

describe('revisionMatches', () => {
  it.each<[string | undefined, PushEvent, boolean]>([
    [undefined, branchPush, true],
    ['', branchPush, true],
    ['HEAD', branchPush, true],
    ['HEAD', featurePush, false],
    ['HEAD', tagPush, false],
    ['HEAD', unknownDefault, true],
    ['main', branchPush, true],
    ['refs/heads/main', branchPush, true],
    ['refs/tags/main', branchPush, false],
    ['main', featurePush, false],
    ['feature/x', featurePush, true],
    ['refs/heads/feature/x', featurePush, true],
    ['x', featurePush, false],
    ['v1.4.0', tagPush, true],
    ['refs/tags/v1.4.0', tagPush, true],
    ['refs/heads/v1.4.0', tagPush, false],
    ['v1.3.0', tagPush, false],
    ['^1.0.0', tagPush, true],
    ['>=1.2.0 <2.0.0', tagPush, true],
    ['1.x', tagPush, true],
    ['*', tagPush, true],
    ['^1.0.0', branchPush, false],
    ['0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c', branchPush, false],
    ['develop', unknownDefault, true],
  ])('%s on %s', (revision, event, expected) => {
    expect(revisionMatches(revision, event)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['^1.2', true],
    ['~2.0.0', true],
    ['1.2.3', false],
    ['v1.2.3', false],
    ['main', false],
    ['x', false],
    ['release-1.x-hotfix', false],
  ])('isSemverRange(%s) = %s', (revision, expected) => {
    expect(isSemverRange(revision)).toBe(expected);
  });
});

function app(key: string, sources: WebhookSource[], generatePaths?: string): WebhookTarget {
  return generatePaths === undefined
    ? { key, sources }
    : { key, sources, annotations: { [MANIFEST_GENERATE_PATHS]: generatePaths } };
}

describe('appsToRefresh', () => {
  const guestbook = { repoURL: REPO, path: 'apps/guestbook' };

  it.each<[string, PushEvent, WebhookTarget[], string[]]>([
    ['same repo, HEAD', branchPush, [app('argocd/guestbook', [guestbook])], ['argocd/guestbook']],
    [
      'ssh repoURL, branch name',
      branchPush,
      [app('a/b', [{ repoURL: 'git@github.com:example-org/gitops.git', targetRevision: 'main' }])],
      ['a/b'],
    ],
    ['other repo', branchPush, [app('a/b', [{ repoURL: 'https://github.com/example-org/infra.git' }])], []],
    ['other branch', branchPush, [app('a/b', [{ ...guestbook, targetRevision: 'staging' }])], []],
    ['tag app on a branch push', branchPush, [app('a/b', [{ ...guestbook, targetRevision: 'v1.4.0' }])], []],
    ['tag app on its tag push', tagPush, [app('a/b', [{ ...guestbook, targetRevision: 'v1.4.0' }])], ['a/b']],
    [
      'semver app on a tag push',
      tagPush,
      [app('a/b', [{ ...guestbook, targetRevision: '>=1.0.0' }])],
      ['a/b'],
    ],
    [
      'multi-source: any source may match',
      branchPush,
      [
        app('a/multi', [
          { repoURL: 'https://charts.example.com', targetRevision: '1.2.3' },
          { repoURL: REPO, targetRevision: 'main' },
        ]),
      ],
      ['a/multi'],
    ],
    [
      'several apps, order kept, duplicates dropped',
      branchPush,
      [
        app('a/one', [guestbook]),
        app('a/skip', [{ repoURL: 'https://x/y' }]),
        app('a/two', [guestbook]),
        app('a/one', [guestbook]),
      ],
      ['a/one', 'a/two'],
    ],
    ['app without sources', branchPush, [app('a/empty', [])], []],
  ])('%s', (_name, event, targets, expected) => {
    expect(appsToRefresh(event, targets)).toEqual(expected);
  });

  describe('manifest-generate-paths', () => {
    // Changed: apps/guestbook/deployment.yaml, shared/labels.yaml.
    const event = pushEvent({ changedFiles: ['apps/guestbook/deployment.yaml', 'shared/labels.yaml'] });
    const other = { repoURL: REPO, path: 'apps/other' };

    it.each<[string, WebhookTarget, boolean]>([
      ['no annotation: refresh', app('k', [other]), true],
      ['"." on the changed app', app('k', [guestbook], '.'), true],
      ['"." on another app', app('k', [other], '.'), false],
      ['relative path reaching a changed folder', app('k', [other], '.;../../shared'), true],
      ['absolute path to a changed folder', app('k', [other], '/shared'), true],
      ['absolute path to a changed file', app('k', [other], '/shared/labels.yaml'), true],
      ['absolute path elsewhere', app('k', [other], '/docs'), false],
      ['glob', app('k', [other], '/apps/*/deployment.yaml'), true],
      ['"." with no source path is the whole repo', app('k', [{ repoURL: REPO }], '.'), true],
      ['empty annotation: refresh', app('k', [other], ''), true],
      [
        'multi-source: relative to the matching source only',
        app(
          'k',
          [other, { repoURL: 'https://github.com/example-org/infra.git', path: 'apps/guestbook' }],
          '.',
        ),
        false,
      ],
      [
        'multi-source: a matching source covers it',
        app('k', [other, { ...guestbook, targetRevision: 'HEAD' }], '.'),
        true,
      ],
    ])('%s', (_name, target, refreshed) => {
      expect(appsToRefresh(event, [target])).toEqual(refreshed ? ['k'] : []);
    });

    it('refreshes when the push did not list its files', () => {
      const unknown = pushEvent({ changedFiles: [] });
      expect(appsToRefresh(unknown, [app('k', [other], '.')])).toEqual(['k']);
    });

    it('refreshes nothing whose revision did not move, whatever the files', () => {
      expect(appsToRefresh(event, [app('k', [{ ...guestbook, targetRevision: 'staging' }], '.')])).toEqual(
        [],
      );
    });
  });
});
