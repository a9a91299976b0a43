import { describe, expect, it } from 'vitest';
import { parseImageRef, apiHost } from './ref.js';

describe('parseImageRef', () => {
  it.each([
    [
      'nginx',
      { registry: 'docker.io', repository: 'library/nginx', canonicalName: 'docker.io/library/nginx' },
    ],
    ['nginx:1.25', { registry: 'docker.io', repository: 'library/nginx', tag: '1.25' }],
    ['stefanprodan/podinfo', { registry: 'docker.io', repository: 'stefanprodan/podinfo' }],
    ['index.docker.io/stefanprodan/podinfo', { registry: 'docker.io', repository: 'stefanprodan/podinfo' }],
    ['docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    [
      'ghcr.io/org/my-app',
      { registry: 'ghcr.io', repository: 'org/my-app', canonicalName: 'ghcr.io/org/my-app' },
    ],
    ['ghcr.io/org/team/my-app:1.2.0', { registry: 'ghcr.io', repository: 'org/team/my-app', tag: '1.2.0' }],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    ['localhost:5000/app:v1', { registry: 'localhost:5000', repository: 'app', tag: 'v1' }],
    ['127.0.0.1:36611/org/my-app', { registry: '127.0.0.1:36611', repository: 'org/my-app', tag: undefined }],
  ])('%s', (image, expected) => {
    expect(parseImageRef(image)).toMatchObject(expected);
  });

  it('reads a digest, with or without a tag', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseImageRef(`ghcr.io/org/app:1.0@${digest}`)).toMatchObject({ tag: '1.0', digest });
    expect(parseImageRef(`ghcr.io/org/app@${digest}`)).toMatchObject({ tag: undefined, digest });
  });

  it.each([
    ['', 'it is empty'],
    ['https://ghcr.io/org/app', 'no scheme'],
    ['ghcr.io/Org/App', '"Org" is not a valid repository path component'],
    ['ghcr.io/org/app:foo:bar', 'is not a valid repository path component'],
    ['ghcr.io/org/app@sha256:short', 'is not a digest'],
    ['ghcr.io/org/app:-bad', '"-bad" is not a valid tag'],
  ])('rejects %j clearly', (image, why) => {
    expect(() => parseImageRef(image)).toThrow(why);
  });

  it('names the Docker Hub API host', () => {
    expect(apiHost('docker.io')).toBe('registry-1.docker.io');
    expect(apiHost('ghcr.io')).toBe('ghcr.io');
  });
});
