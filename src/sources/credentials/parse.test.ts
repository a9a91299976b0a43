import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/object.js';
import { parseRepoSecrets } from './parse.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function secret(
  name: string,
  secretType: string | undefined,
  body: { data?: Record<string, string>; stringData?: Record<string, string> },
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: 'argocd',
      labels: secretType ? { 'argocd.argoproj.io/secret-type': secretType } : {},
    },
    ...body,
  };
}

describe('parseRepoSecrets', () => {
  it.each<[string, KubeObject, 'repositories' | 'templates' | 'none', object?]>([
    [
      'a repository from stringData',
      secret('a', 'repository', {
        stringData: {
          url: 'https://github.com/org/a',
          username: 'u',
          password: 'p',
          project: 'team',
          name: 'a',
        },
      }),
      'repositories',
      {
        url: 'https://github.com/org/a',
        type: 'git',
        username: 'u',
        password: 'p',
        project: 'team',
        name: 'a',
      },
    ],
    [
      'a repository from base64 data',
      secret('b', 'repository', {
        data: { url: b64('https://github.com/org/b'), password: b64('tok'), insecure: b64('true') },
      }),
      'repositories',
      { url: 'https://github.com/org/b', type: 'git', password: 'tok', insecure: true },
    ],
    [
      'stringData wins over data key by key',
      secret('c', 'repository', {
        data: { url: b64('https://x/old'), username: b64('kept') },
        stringData: { url: 'https://x/new' },
      }),
      'repositories',
      { url: 'https://x/new', type: 'git', username: 'kept' },
    ],
    [
      'a Helm OCI template',
      secret('d', 'repo-creds', {
        stringData: { url: 'registry.io/charts', type: 'helm', enableOCI: 'true', bearerToken: 't' },
      }),
      'templates',
      { url: 'registry.io/charts', type: 'helm', enableOCI: true, bearerToken: 't' },
    ],
    [
      'Argo CD 3 oci type is a registry',
      secret('e', 'repo-creds', { stringData: { url: 'ghcr.io/org', type: 'oci' } }),
      'templates',
      { url: 'ghcr.io/org', type: 'helm', enableOCI: true },
    ],
    [
      'TLS client certificate and GitHub App',
      secret('f', 'repo-creds', {
        stringData: {
          url: 'https://ghe.example.com',
          tlsClientCertData: 'CERT',
          tlsClientCertKey: 'KEY',
          githubAppID: '12',
          githubAppInstallationID: '34',
          githubAppPrivateKey: 'PK',
        },
      }),
      'templates',
      {
        url: 'https://ghe.example.com',
        type: 'git',
        tlsClientCertData: 'CERT',
        tlsClientCertKey: 'KEY',
        githubAppID: 12,
        githubAppInstallationID: 34,
        githubAppPrivateKey: 'PK',
      },
    ],
    [
      'Go booleans: 1 and True are true, yes is not',
      secret('g', 'repository', {
        stringData: { url: 'https://x/g', insecure: 'yes', enableOCI: '1', insecureIgnoreHostKey: 'True' },
      }),
      'repositories',
      { url: 'https://x/g', type: 'git', enableOCI: true, insecure: true },
    ],
    ['no url', secret('h', 'repository', { stringData: { username: 'u' } }), 'none'],
    ['not labelled', secret('i', undefined, { stringData: { url: 'https://x/i' } }), 'none'],
    ['another secret type', secret('j', 'cluster', { stringData: { url: 'https://x/j' } }), 'none'],
    [
      'write credentials are not read credentials',
      secret('k', 'repository-write', { stringData: { url: 'https://x/k' } }),
      'none',
    ],
  ])('%s', (_name, input, where, expected) => {
    const got = parseRepoSecrets([input]);
    if (where === 'none') {
      expect(got).toEqual({ repositories: [], templates: [] });
      return;
    }
    expect(got[where]).toEqual([expected]);
    expect(got[where === 'templates' ? 'repositories' : 'templates']).toEqual([]);
  });

  it('skips objects that are not Secrets and keeps the order of the rest', () => {
    const cm: KubeObject = {
      ...secret('cm', 'repository', { data: {} }),
      kind: 'ConfigMap',
      data: { url: 'https://x' },
    };
    const got = parseRepoSecrets([
      cm,
      secret('1', 'repository', { stringData: { url: 'https://x/1' } }),
      secret('2', 'repository', { stringData: { url: 'https://x/2' } }),
    ]);
    expect(got.repositories.map((r) => r.url)).toEqual(['https://x/1', 'https://x/2']);
  });
});
