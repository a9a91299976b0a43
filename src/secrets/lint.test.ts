import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPlainSecrets, plainSecretsIn } from './lint.js';

describe('plain Secrets in a GitOps folder', () => {
  it('flags Secrets with data or stringData, and nothing else', () => {
    const text = [
      'apiVersion: v1\nkind: Secret\nmetadata: {name: with-data}\ndata: {a: YQ==}\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: with-string-data}\nstringData: {a: b, c: d}\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: empty}\ntype: kubernetes.io/service-account-token\n',
      'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: sealed}\nspec: {encryptedData: {a: AgA=}}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: b}\n',
    ].join('---\n');
    expect(plainSecretsIn(text, 'f.yaml')).toEqual([
      { file: 'f.yaml', document: 0, name: 'with-data', keys: 1 },
      { file: 'f.yaml', document: 1, name: 'with-string-data', keys: 2 },
    ]);
  });

  it('walks a folder, skipping .git and files that are not manifests or do not parse', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-lint-'));
    mkdirSync(join(dir, 'prod'));
    mkdirSync(join(dir, '.git'));
    const plainSecret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {p: x}\n';
    writeFileSync(join(dir, 'prod', 'secret.yaml'), plainSecret);
    writeFileSync(
      join(dir, 'prod', 'secret.json'),
      JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'j' }, data: { a: 'YQ==' } }),
    );
    writeFileSync(join(dir, '.git', 'x.yaml'), plainSecret);
    writeFileSync(join(dir, 'README.md'), plainSecret);
    writeFileSync(join(dir, 'prod', 'chart.yaml'), '{{ if .Values.x }}\n: [\n');
    expect(findPlainSecrets(dir).map((f) => `${f.file}:${f.name}`)).toEqual([
      'prod/secret.json:j',
      'prod/secret.yaml:s',
    ]);
  });
});
