import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE, writeFixture } from './testdata.js';
import { parseMarker, updateDocumentText, updateWithSetters, type PolicyImage } from './index.js';

const policies = new Map<string, PolicyImage>([
  ['flux-system:my-app', { name: 'ghcr.io/org/my-app', tag: '1.1.0' }],
  ['flux-system:side', { name: 'ghcr.io/org/side', tag: '0.2.0', digest: 'sha256:abc' }],
]);

describe('parseMarker', () => {
  it('reads the forms Flux writes', () => {
    expect(parseMarker(' {"$imagepolicy": "flux-system:my-app:tag"}')).toEqual({
      policy: 'flux-system:my-app',
      field: 'tag',
      setter: 'flux-system:my-app:tag',
    });
    expect(parseMarker('{"$imagepolicy": "ns:p:name"}')?.field).toBe('name');
    expect(parseMarker('{"$imagepolicy": "ns:p:digest"}')?.field).toBe('digest');
    expect(parseMarker('{"$imagepolicy": "ns:p"}')).toMatchObject({ policy: 'ns:p', field: 'image' });
  });

  it('ignores other comments and malformed markers', () => {
    expect(parseMarker(' just a comment')).toBeUndefined();
    expect(parseMarker('{"$imageupdater": "ns:p"}')).toBeUndefined();
    expect(parseMarker('{"$imagepolicy": "no-namespace"}')).toBeUndefined();
    expect(parseMarker('{"$imagepolicy": "ns:p:version"}')).toBeUndefined();
    expect(parseMarker('{"$imagepolicy": 3}')).toBeUndefined();
    expect(parseMarker('{"$imagepolicy": "ns:p"')).toBeUndefined();
  });
});

describe('updateDocumentText', () => {
  const update = (src: string): ReturnType<typeof updateDocumentText> => updateDocumentText(src, policies);

  it('keeps the quote style of the value', () => {
    const src = [
      `a: "1.0.0" # {"$imagepolicy": "flux-system:my-app:tag"}`,
      `b: '1.0.0' # {"$imagepolicy": "flux-system:my-app:tag"}`,
      `c: 1.0.0 # {"$imagepolicy": "flux-system:my-app:tag"}`,
      '',
    ].join('\n');
    expect(update(src).text).toBe(
      [
        `a: "1.1.0" # {"$imagepolicy": "flux-system:my-app:tag"}`,
        `b: '1.1.0' # {"$imagepolicy": "flux-system:my-app:tag"}`,
        `c: 1.1.0 # {"$imagepolicy": "flux-system:my-app:tag"}`,
        '',
      ].join('\n'),
    );
  });

  it('quotes a plain value that would otherwise read back as a number', () => {
    const image = new Map([['ns:p', { name: 'x', tag: '1.10' }]]);
    const { text } = updateDocumentText(`tag: 1.9.0 # {"$imagepolicy": "ns:p:tag"}\n`, image);
    expect(text).toBe(`tag: "1.10" # {"$imagepolicy": "ns:p:tag"}\n`);
  });

  it('writes name:tag@digest for the whole-image setter when the policy has a digest', () => {
    const { text, changes } = update(
      `- image: ghcr.io/org/side:0.1.0 # {"$imagepolicy": "flux-system:side"}\n`,
    );
    expect(text).toBe(`- image: ghcr.io/org/side:0.2.0@sha256:abc # {"$imagepolicy": "flux-system:side"}\n`);
    expect(changes).toEqual([
      {
        object: { apiVersion: '', kind: '', name: '', namespace: '' },
        setter: 'flux-system:side',
        oldValue: 'ghcr.io/org/side:0.1.0',
        newValue: 'ghcr.io/org/side:0.2.0@sha256:abc',
      },
    ]);
  });

  it('reports no change when the value is already current, and leaves the text as is', () => {
    const src = `tag: 1.1.0 # {"$imagepolicy": "flux-system:my-app:tag"}\n`;
    expect(update(src)).toEqual({ text: src, changes: [] });
  });

  it('leaves markers of unknown policies and block scalars alone', () => {
    const src = `a: 1 # {"$imagepolicy": "flux-system:unknown:tag"}\nb: |  # {"$imagepolicy": "flux-system:my-app:tag"}\n  text\n`;
    expect(update(src)).toEqual({ text: src, changes: [] });
  });

  it('fails with the parser message on invalid YAML', () => {
    expect(() => update('a: [1, 2\nb: "x" # {"$imagepolicy": "flux-system:my-app:tag"}\n')).toThrow(
      /invalid YAML/,
    );
  });
});

describe('updateWithSetters on a folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'setters-'));
    writeFixture(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const read = (path: string): string => readFileSync(join(dir, path), 'utf8');
  const original = (path: string): string => FIXTURE[path]!;

  it('changes only the marked values, in every document and in kustomization images', async () => {
    const changes = await updateWithSetters(join(dir, 'apps/my-app'), policies);
    expect(
      changes.map(
        (c) => `${c.file} ${c.object.kind}/${c.object.name} ${c.setter} ${c.oldValue}→${c.newValue}`,
      ),
    ).toEqual([
      'crlf.yaml ConfigMap/crlf flux-system:my-app:tag v1→1.1.0',
      'helmrelease.yaml HelmRelease/my-app flux-system:my-app:tag 1.2.0→1.1.0',
      'helmrelease.yaml Deployment/sidecar flux-system:side ghcr.io/org/side:0.1.0→ghcr.io/org/side:0.2.0@sha256:abc',
      'kustomization.yaml Kustomization/ flux-system:my-app:tag 1.0.0→1.1.0',
    ]);
    expect(changes[1]?.object).toEqual({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      name: 'my-app',
      namespace: 'my-app',
    });
    // Byte for byte: the expected text is the original with only the values replaced.
    expect(read('apps/my-app/helmrelease.yaml')).toBe(
      original('apps/my-app/helmrelease.yaml')
        .replace('tag: "1.2.0"', 'tag: "1.1.0"')
        .replace(`'ghcr.io/org/side:0.1.0'`, `'ghcr.io/org/side:0.2.0@sha256:abc'`),
    );
    expect(read('apps/my-app/kustomization.yaml')).toBe(
      original('apps/my-app/kustomization.yaml').replace('newTag: 1.0.0', 'newTag: 1.1.0'),
    );
    expect(read('apps/my-app/crlf.yaml')).toBe(
      'kind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\ndata:\r\n  tag: 1.1.0 # {"$imagepolicy": "flux-system:my-app:tag"}\r\n  other: keep\r\n',
    );
    expect(read('apps/my-app/unmarked.yaml')).toBe(original('apps/my-app/unmarked.yaml'));
    expect(read('other/outside.yaml')).toBe(original('other/outside.yaml'));
    expect(read('apps/my-app/.hidden/skipped.yaml')).toBe(original('apps/my-app/.hidden/skipped.yaml'));
  });

  it('a second run changes nothing', async () => {
    await updateWithSetters(join(dir, 'apps/my-app'), policies);
    const after = read('apps/my-app/helmrelease.yaml');
    expect(await updateWithSetters(join(dir, 'apps/my-app'), policies)).toEqual([]);
    expect(read('apps/my-app/helmrelease.yaml')).toBe(after);
  });

  it('a dry run reports the changes and writes nothing', async () => {
    const changes = await updateWithSetters(join(dir, 'apps/my-app'), policies, { dryRun: true });
    expect(changes).toHaveLength(4);
    expect(read('apps/my-app/helmrelease.yaml')).toBe(original('apps/my-app/helmrelease.yaml'));
  });
});
