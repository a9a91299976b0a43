import { describe, expect, it } from 'vitest';
import { authFromDockerConfig } from './docker-config.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('authFromDockerConfig', () => {
  it('reads auths[host].auth (base64 user:password, password may hold colons)', () => {
    const json = JSON.stringify({ auths: { 'ghcr.io': { auth: b64('bot:pa:ss') } } });
    expect(authFromDockerConfig(json, 'ghcr.io')).toEqual({ username: 'bot', password: 'pa:ss' });
  });

  it('prefers explicit username/password', () => {
    const json = JSON.stringify({
      auths: { '127.0.0.1:5000': { username: 'u', password: 'p', auth: b64('x:y') } },
    });
    expect(authFromDockerConfig(json, '127.0.0.1:5000')).toEqual({ username: 'u', password: 'p' });
  });

  it('matches URL keys and Docker Hub aliases', () => {
    const json = JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: b64('foo:bar') } } });
    expect(authFromDockerConfig(json, 'docker.io')).toEqual({ username: 'foo', password: 'bar' });
    const ghcr = JSON.stringify({ auths: { 'https://ghcr.io': { auth: b64('a:b') } } });
    expect(authFromDockerConfig(ghcr, 'ghcr.io')).toEqual({ username: 'a', password: 'b' });
  });

  it('reads the legacy .dockercfg layout', () => {
    expect(authFromDockerConfig(JSON.stringify({ 'quay.io': { auth: b64('q:r') } }), 'quay.io')).toEqual({
      username: 'q',
      password: 'r',
    });
  });

  it('is undefined for another registry', () => {
    const json = JSON.stringify({ auths: { 'ghcr.io': { auth: b64('bot:x') } } });
    expect(authFromDockerConfig(json, 'quay.io')).toBeUndefined();
  });

  it('rejects invalid JSON without echoing it', () => {
    expect(() => authFromDockerConfig('{"auths": secret-pass', 'ghcr.io')).toThrow(
      /^.dockerconfigjson is not valid JSON$/,
    );
  });
});
