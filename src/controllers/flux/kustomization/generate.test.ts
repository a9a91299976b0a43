import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KustomizationSpec } from '../../../api/flux/index.js';
import { generatedKustomization, overlaySettings } from './generate.js';

const spec = (extra: Partial<KustomizationSpec>): KustomizationSpec => ({
  sourceRef: { kind: 'GitRepository', name: 'repo' },
  interval: '1m',
  prune: true,
  ...extra,
});

describe('generated kustomization', () => {
  it('lists every manifest below the path; a folder with its own kustomization is listed as a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-gen-'));
    writeFileSync(join(dir, 'b.yaml'), '');
    writeFileSync(join(dir, 'a.yml'), '');
    writeFileSync(join(dir, 'README.md'), '');
    writeFileSync(join(dir, '.hidden.yaml'), '');
    mkdirSync(join(dir, 'plain'));
    writeFileSync(join(dir, 'plain', 'cm.yaml'), '');
    mkdirSync(join(dir, 'kust'));
    writeFileSync(join(dir, 'kust', 'kustomization.yaml'), '');
    writeFileSync(join(dir, 'kust', 'inner.yaml'), '');
    expect(generatedKustomization(dir)).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['a.yml', 'b.yaml', 'kust', 'plain/cm.yaml'],
    });
  });
});

describe('overlaySettings', () => {
  const file = {
    resources: ['../base'],
    patches: [{ path: 'values.yaml' }],
    images: [{ name: 'a', newTag: '1' }],
  };

  it('sets namespace and name affixes, appends patches, images and components after the file own', () => {
    const out = overlaySettings(
      file,
      spec({
        targetNamespace: 'team',
        namePrefix: 'p-',
        nameSuffix: '-s',
        patches: [{ patch: 'op', target: { kind: 'Deployment' } }, { patch: 'smp' }],
        images: [{ name: 'b', newTag: '2' }],
        components: ['../c'],
      }),
    );
    expect(out).toEqual({
      resources: ['../base'],
      namespace: 'team',
      namePrefix: 'p-',
      nameSuffix: '-s',
      patches: [{ path: 'values.yaml' }, { patch: 'op', target: { kind: 'Deployment' } }, { patch: 'smp' }],
      images: [
        { name: 'a', newTag: '1' },
        { name: 'b', newTag: '2' },
      ],
      components: ['../c'],
    });
    expect(file.patches).toHaveLength(1);
  });

  it('leaves the file as it is when the Kustomization sets nothing', () => {
    expect(overlaySettings(file, spec({}))).toEqual(file);
  });
});

describe('overlaySettings images', () => {
  it("replace the file's entry of the same name, as kustomize-controller does", () => {
    const out = overlaySettings(
      { images: [{ name: 'a', newTag: '1' }] },
      spec({ images: [{ name: 'a', newTag: '2' }] }),
    );
    expect(out.images).toEqual([{ name: 'a', newTag: '2' }]);
  });
});
