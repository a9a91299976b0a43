import { describe, expect, it } from 'vitest';
import { imageSettings, parseImageSpec } from './annotations.js';
import {
  helmParameters,
  kustomizeImage,
  kustomizeImageKey,
  mergeKustomizeImages,
  overrideFileContent,
} from './overrides.js';

const settings = imageSettings({}, parseImageSpec('app=ghcr.io/org/my-app'));
const image = { name: 'ghcr.io/org/my-app', tag: '1.1.0' };

describe('Helm parameters', () => {
  it('sets image.name and image.tag (forceString) by default, or the image-spec parameter', () => {
    expect(helmParameters(settings, image)).toEqual([
      { name: 'image.name', value: 'ghcr.io/org/my-app', forceString: true },
      { name: 'image.tag', value: '1.1.0', forceString: true },
    ]);
    expect(
      helmParameters({ ...settings, helmImageSpec: 'app.image' }, { ...image, digest: 'sha256:abc' }),
    ).toEqual([{ name: 'app.image', value: 'ghcr.io/org/my-app:1.1.0@sha256:abc', forceString: true }]);
  });
});

describe('the override file', () => {
  it('is written as Argo writes it', () => {
    expect(overrideFileContent(undefined, { parameters: helmParameters(settings, image) })).toBe(
      [
        'helm:',
        '  parameters:',
        '  - name: image.name',
        '    value: ghcr.io/org/my-app',
        '    forcestring: true',
        '  - name: image.tag',
        '    value: 1.1.0',
        '    forcestring: true',
        '',
      ].join('\n'),
    );
  });

  it('keeps other parameters and keys, replaces ours, sorts by name', () => {
    const existing = [
      'helm:',
      '  parameters:',
      '  - name: z.other',
      '    value: keep',
      '    forcestring: false',
      '  - name: image.tag',
      '    value: 1.0.0',
      '    forcestring: true',
      'kustomize:',
      '  images: [a=b:1]',
    ].join('\n');
    const out = overrideFileContent(existing, { parameters: helmParameters(settings, image) });
    expect(out).toContain('name: z.other\n    value: keep');
    expect(out.indexOf('image.name')).toBeLessThan(out.indexOf('image.tag'));
    expect(out.indexOf('image.tag')).toBeLessThan(out.indexOf('z.other'));
    expect(out).toContain('value: 1.1.0');
    expect(out).not.toContain('1.0.0');
    expect(out).toContain('kustomize:');
  });

  it('rewrites content that does not parse, as Argo does', () => {
    expect(overrideFileContent('helm: [unclosed', { parameters: [] })).toBe('helm:\n  parameters: []\n');
  });

  it('merges Kustomize images by their name', () => {
    const entry = kustomizeImage(settings, image, 'ghcr.io/org/my-app');
    expect(entry).toBe('ghcr.io/org/my-app=ghcr.io/org/my-app:1.1.0');
    expect(mergeKustomizeImages(['ghcr.io/org/my-app:1.0.0', 'other:1'], [entry])).toEqual([
      entry,
      'other:1',
    ]);
    expect(kustomizeImageKey('localhost:5000/x@sha256:abc')).toBe('localhost:5000/x');
  });
});
