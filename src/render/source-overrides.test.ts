import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { applyKustomizeOverrides, applySourceOverrides } from './source-overrides.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-overrides-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const spec = { valueFiles: ['values.yaml'], parameters: [{ name: 'replicaCount', value: '2' }] };

describe('.argocd-source files', () => {
  it('leave the source alone when there are none', () => {
    expect(applySourceOverrides(spec, dirWith({}), 'my-app')).toBe(spec);
  });

  it("replace the parameter list (a JSON merge patch), app file last, Argo's lower-case forcestring read", () => {
    const dir = dirWith({
      '.argocd-source.yaml': 'helm:\n  parameters:\n  - name: a\n    value: from-shared\n',
      '.argocd-source-my-app.yaml':
        'helm:\n  parameters:\n  - name: image.tag\n    value: 1.1.0\n    forcestring: true\n',
      '.argocd-source-other.yaml': 'helm:\n  parameters: []\n',
    });
    expect(applySourceOverrides(spec, dir, 'my-app')).toEqual({
      valueFiles: ['values.yaml'],
      parameters: [{ name: 'image.tag', value: '1.1.0', forceString: true }],
    });
  });

  it('merge values and valueFiles, and create helm options when the spec has none', () => {
    const dir = dirWith({ '.argocd-source-x.yaml': 'helm:\n  valueFiles: [prod.yaml]\n  values: "a: 1"\n' });
    expect(applySourceOverrides(undefined, dir, 'x')).toEqual({ valueFiles: ['prod.yaml'], values: 'a: 1' });
  });

  it('name the file whose YAML is broken', () => {
    const dir = dirWith({ '.argocd-source-x.yaml': 'helm: [' });
    expect(() => applySourceOverrides(spec, dir, 'x')).toThrow(/\.argocd-source-x\.yaml: invalid YAML/);
  });
});

describe('.argocd-source kustomize part', () => {
  it('merges into the spec options (lists replace, objects merge, null removes), app file last', () => {
    const dir = dirWith({
      '.argocd-source.yaml': 'kustomize:\n  commonLabels:\n    team: a\n  namePrefix: null\n',
      '.argocd-source-my-app.yaml': 'kustomize:\n  images:\n  - nginx=nginx:1.27.2\n',
    });
    const spec = { namePrefix: 'p-', images: ['nginx=nginx:1.27.1', 'redis:7'], commonLabels: { env: 'x' } };
    expect(applyKustomizeOverrides(spec, dir, 'my-app')).toEqual({
      images: ['nginx=nginx:1.27.2'],
      commonLabels: { env: 'x', team: 'a' },
    });
  });

  it('leave the options alone without a kustomize part, and create them when the spec has none', () => {
    const spec = { images: ['a:1'] };
    expect(applyKustomizeOverrides(spec, dirWith({ '.argocd-source-x.yaml': 'helm: {}\n' }), 'x')).toBe(spec);
    const dir = dirWith({ '.argocd-source-x.yaml': 'kustomize:\n  Images: [app=reg/app:2]\n' });
    expect(applyKustomizeOverrides(undefined, dir, 'x')).toEqual({ images: ['app=reg/app:2'] });
  });
});
