import { describe, expect, it } from 'vitest';
import { helmKeyPath, setKustomizeImage, setValues } from './values-file.js';

const values = `# Defaults; environments override only what differs.
replicaCount: 1

image:
  repository: ghcr.io/org/my-app   # where CI pushes
  tag: '1.0.0' # bumped by the image updater
  pullPolicy: IfNotPresent
`;

describe('helm values', () => {
  it('changes only the value, keeping quotes, comments and spacing', () => {
    const out = setValues(values, [{ path: ['image', 'tag'], value: '1.1.0' }], 'values.yaml');
    expect(out).toBe(values.replace("'1.0.0'", "'1.1.0'"));
  });

  it('leaves the text alone when the value is already there', () => {
    expect(setValues(values, [{ path: ['image', 'repository'], value: 'ghcr.io/org/my-app' }], 'v')).toBe(
      values,
    );
  });

  it('keeps a plain scalar plain and quotes what would read differently', () => {
    expect(setValues('tag: 1.0.0\n', [{ path: ['tag'], value: '1.1.0' }], 'v')).toBe('tag: 1.1.0\n');
    expect(setValues('tag: 1.0.0\n', [{ path: ['tag'], value: 'true' }], 'v')).toBe("tag: 'true'\n");
    expect(setValues('tag: "a"\n', [{ path: ['tag'], value: 'b' }], 'v')).toBe('tag: "b"\n');
  });

  it('adds a missing key, keeping comments', () => {
    const out = setValues(values, [{ path: ['image', 'name'], value: 'x/y' }], 'v');
    expect(out).toContain('# where CI pushes');
    expect(out).toContain('name: x/y');
  });

  it('refuses a map where a value belongs', () => {
    expect(() => setValues(values, [{ path: ['image'], value: 'x' }], 'values.yaml')).toThrow(
      /values.yaml: image is not a plain value/,
    );
  });

  it('reads Helm parameter names as key paths', () => {
    expect(helmKeyPath('image.tag')).toEqual(['image', 'tag']);
    expect(helmKeyPath('a.b[1].c')).toEqual(['a', 'b', 1, 'c']);
    expect(helmKeyPath('a\\.b.c')).toEqual(['a.b', 'c']);
  });
});

describe('kustomization images', () => {
  const kustomization = `resources:
  - deployment.yaml
images:
  - name: ghcr.io/org/my-app # the app
    newTag: "1.0.0"
`;
  it('edits the entry in place', () => {
    expect(setKustomizeImage(kustomization, { name: 'ghcr.io/org/my-app', newTag: '1.1.0' }, 'k')).toBe(
      kustomization.replace('"1.0.0"', '"1.1.0"'),
    );
  });

  it('adds an entry when there is none', () => {
    const out = setKustomizeImage(
      'resources:\n  - a.yaml\n',
      { name: 'x', newName: 'r/x', newTag: '2' },
      'k',
    );
    expect(out).toContain('images:');
    expect(out).toMatch(/name: x\n\s+newName: r\/x\n\s+newTag: "?2"?/);
  });
});
