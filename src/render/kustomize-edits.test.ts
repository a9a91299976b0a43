import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyKustomizeEdits, hasKustomizeEdits, parseImage } from './kustomize-edits.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-kedits-'));
mkdirSync(join(dir, 'comp'));

describe('images as `kustomize edit set image` reads them', () => {
  it('parses name:tag, name@digest, old=new, old=new:tag, old=new@digest', () => {
    expect(parseImage('nginx:1.27.1')).toEqual({ name: 'nginx', newTag: '1.27.1' });
    expect(parseImage('registry:5000/app:v2')).toEqual({ name: 'registry:5000/app', newTag: 'v2' });
    expect(parseImage('nginx@sha256:abc')).toEqual({ name: 'nginx', digest: 'sha256:abc' });
    expect(parseImage('nginx=mirror/nginx')).toEqual({ name: 'nginx', newName: 'mirror/nginx' });
    expect(parseImage('nginx=mirror/nginx:1.0')).toEqual({
      name: 'nginx',
      newName: 'mirror/nginx',
      newTag: '1.0',
    });
    expect(parseImage('nginx=m/n@sha256:1')).toEqual({ name: 'nginx', newName: 'm/n', digest: 'sha256:1' });
  });

  it('refuses a bare name, which says nothing to change', () => {
    expect(() => parseImage('nginx')).toThrow(/kustomize image "nginx": use one of/);
  });

  it("replace the file's entry of the same name, keep a tag given as *, and sort by name", () => {
    const file = {
      images: [
        { name: 'redis', newName: 'mirror/redis', newTag: '6' },
        { name: 'nginx', newName: 'mirror/nginx', newTag: '1.0' },
      ],
    };
    const out = applyKustomizeEdits(
      file,
      { images: ['nginx:1.27.1', 'redis=other/redis:*', 'app=x:1'] },
      dir,
    );
    expect(out.images).toEqual([
      { name: 'app', newName: 'x', newTag: '1' },
      { name: 'nginx', newTag: '1.27.1' },
      { name: 'redis', newName: 'other/redis', newTag: '6' },
    ]);
    expect(file.images[1]).toEqual({ name: 'nginx', newName: 'mirror/nginx', newTag: '1.0' });
  });
});

describe('the other options', () => {
  it('set prefix, suffix, namespace and replicas; append patches and components once', () => {
    const out = applyKustomizeEdits(
      {
        resources: ['a.yaml'],
        replicas: [{ name: 'web', count: 1 }],
        patches: [{ path: 'p.yaml' }],
        components: ['comp'],
      },
      {
        namePrefix: 'p-',
        nameSuffix: '-s',
        namespace: 'team',
        replicas: [
          { name: 'web', count: '3' },
          { name: 'db', count: 2 },
        ],
        patches: [{ patch: 'x', target: { kind: 'Deployment' } }],
        components: ['comp'],
      },
      dir,
    );
    expect(out).toEqual({
      resources: ['a.yaml'],
      namePrefix: 'p-',
      nameSuffix: '-s',
      namespace: 'team',
      replicas: [
        { name: 'web', count: 3 },
        { name: 'db', count: 2 },
      ],
      patches: [{ path: 'p.yaml' }, { patch: 'x', target: { kind: 'Deployment' } }],
      components: ['comp'],
    });
  });

  it('refuse a replica count that is not a number', () => {
    expect(() => applyKustomizeEdits({}, { replicas: [{ name: 'web', count: 'many' }] }, dir)).toThrow(
      /count "many" is not an integer/,
    );
  });

  it('add common labels and annotations; one already in the file needs force', () => {
    const file = { commonLabels: { app: 'web' }, commonAnnotations: { a: '1' } };
    expect(() => applyKustomizeEdits(file, { commonLabels: { app: 'other' } }, dir)).toThrow(
      /label app already in kustomization file \(set forceCommonLabels/,
    );
    expect(() => applyKustomizeEdits(file, { commonAnnotations: { a: '2' } }, dir)).toThrow(
      /annotation a already in kustomization file/,
    );
    const out = applyKustomizeEdits(
      file,
      {
        commonLabels: { app: 'other', team: 'x' },
        forceCommonLabels: true,
        commonAnnotations: { a: '2', b: '3' },
        forceCommonAnnotations: true,
      },
      dir,
    );
    expect(out.commonLabels).toEqual({ app: 'other', team: 'x' });
    expect(out.commonAnnotations).toEqual({ a: '2', b: '3' });
  });

  it('write labels without selector into `labels` (includeTemplates when asked)', () => {
    const file = { labels: [{ pairs: { w: 'x' } }] };
    expect(
      applyKustomizeEdits(file, { commonLabels: { z: 'y' }, labelWithoutSelector: true }, dir).labels,
    ).toEqual([{ pairs: { w: 'x', z: 'y' } }]);
    expect(
      applyKustomizeEdits(
        file,
        { commonLabels: { z: 'y' }, labelWithoutSelector: true, labelIncludeTemplates: true },
        dir,
      ).labels,
    ).toEqual([{ pairs: { w: 'x' } }, { includeTemplates: true, pairs: { z: 'y' } }]);
  });

  it('refuse a missing component unless ignoreMissingComponents', () => {
    expect(() => applyKustomizeEdits({}, { components: ['nope'] }, dir)).toThrow(
      /component nope does not exist/,
    );
    expect(
      applyKustomizeEdits({}, { components: ['nope', 'comp'], ignoreMissingComponents: true }, dir),
    ).toEqual({
      components: ['comp'],
    });
  });

  it('count only options that change something', () => {
    expect(hasKustomizeEdits(undefined)).toBe(false);
    expect(hasKustomizeEdits({ images: [], commonLabels: {}, forceCommonLabels: true })).toBe(false);
    expect(hasKustomizeEdits({ images: ['a:1'] })).toBe(true);
    expect(hasKustomizeEdits({ namespace: 'x' })).toBe(true);
  });
});
