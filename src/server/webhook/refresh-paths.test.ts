import { describe, expect, it } from 'vitest';
import { filesHaveChanged, globPattern, refreshPaths } from './refresh-paths.js';

describe('refreshPaths', () => {
  it.each<[string, string | undefined, string[], string[]]>([
    ['absent annotation', undefined, ['apps/guestbook'], []],
    ['empty annotation', '', ['apps/guestbook'], []],
    ['only separators', ';;', ['apps/guestbook'], []],
    ['dot is the source path', '.', ['apps/guestbook'], ['/apps/guestbook']],
    ['dot without a source path is the root', '.', [''], ['/']],
    [
      'relative to the source path',
      '../shared;values',
      ['apps/guestbook'],
      ['/apps/shared', '/apps/guestbook/values'],
    ],
    ['absolute from the root', '/shared/base/', ['apps/guestbook'], ['/shared/base']],
    ['mixed, spaced', ' . ; /charts/common ', ['apps/guestbook'], ['/apps/guestbook', '/charts/common']],
    ['climbing above the root stops there', '../../../x', ['apps/guestbook'], ['/x']],
    ['one entry per matching source', '.', ['apps/a', 'apps/b', 'apps/a'], ['/apps/a', '/apps/b']],
    [
      'globs are kept',
      'overlays/*/kustomization.yaml',
      ['apps/guestbook'],
      ['/apps/guestbook/overlays/*/kustomization.yaml'],
    ],
  ])('%s', (_name, annotation, sourcePaths, expected) => {
    expect(refreshPaths(annotation, sourcePaths)).toEqual(expected);
  });
});

describe('filesHaveChanged', () => {
  it.each<[string, string[], string[], boolean]>([
    ['no paths: every change counts', [], ['README.md'], true],
    ['no file list: assume changed', ['/apps/guestbook'], [], true],
    ['file under the path', ['/apps/guestbook'], ['apps/guestbook/deployment.yaml'], true],
    ['file deep under the path', ['/apps/guestbook'], ['apps/guestbook/overlays/prod/patch.yaml'], true],
    ['file elsewhere', ['/apps/guestbook'], ['apps/other/deployment.yaml', 'README.md'], false],
    ['sibling with a common prefix', ['/apps/guestbook'], ['apps/guestbook-v2/deployment.yaml'], false],
    ['the path is a file', ['/shared/labels.yaml'], ['shared/labels.yaml'], true],
    ['root covers everything', ['/'], ['anything/at/all.txt'], true],
    ['any one of several', ['/apps/guestbook', '/shared'], ['shared/labels.yaml'], true],
    ['glob matches a whole path', ['/apps/*/values.yaml'], ['apps/guestbook/values.yaml'], true],
    ['glob star stops at /', ['/apps/*'], ['apps/guestbook/values.yaml'], false],
    ['glob star on a direct child', ['/apps/*'], ['apps/README.md'], true],
    ['glob question mark', ['/env-?/config.yaml'], ['env-a/config.yaml'], true],
    ['glob class', ['/env-[ab]/config.yaml'], ['env-c/config.yaml'], false],
    ['glob negated class', ['/env-[^ab]/config.yaml'], ['env-c/config.yaml'], true],
    ['dots are literal', ['/a.b'], ['axb'], false],
    ['changed file given with a leading slash', ['/apps/guestbook'], ['/apps/guestbook/x.yaml'], true],
  ])('%s', (_name, paths, files, expected) => {
    expect(filesHaveChanged(paths, files)).toBe(expected);
  });
});

describe('globPattern', () => {
  it.each<[string, boolean]>([
    ['/plain/path', false],
    ['/bad[class', false],
    ['/ok/*', true],
    ['/escaped\\*', true],
  ])('%s compiles: %s', (pattern, compiles) => {
    expect(globPattern(pattern) !== undefined).toBe(compiles);
  });

  it('treats an escaped star literally', () => {
    expect(globPattern('/a\\*b')?.test('/a*b')).toBe(true);
    expect(globPattern('/a\\*b')?.test('/axxb')).toBe(false);
  });
});
