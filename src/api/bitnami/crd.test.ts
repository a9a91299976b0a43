import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../util/paths.js';
import { structuralIssues } from '../argo/structural.js';
import { schemaIssues } from '../argo/schema-walk.js';
import { sealedSecretCrd, sealedSecretSchema } from './crd.js';
import { validateSealedSecret } from './validate.js';
import type { SealedSecret } from './types.js';

function seedSealedSecret(): SealedSecret {
  const seed = readFileSync(
    join(projectRoot(), '..', 'shared', 'seed', 'gitops-integration-patterns.md'),
    'utf8',
  );
  const at = seed.indexOf('### Sealed Secrets Per Environment');
  const block = /```yaml\n([\s\S]*?)```/.exec(seed.slice(at));
  return parse(block![1]!) as SealedSecret;
}

const version = (): Record<string, unknown> =>
  (sealedSecretCrd().spec as { versions: Array<Record<string, unknown>> }).versions[0]!;

describe('SealedSecret CRD', () => {
  it('keeps Bitnami names, scope, version and the status subresource', () => {
    const crd = sealedSecretCrd();
    expect(crd.metadata.name).toBe('sealedsecrets.bitnami.com');
    expect(crd.spec).toMatchObject({
      group: 'bitnami.com',
      scope: 'Namespaced',
      names: { kind: 'SealedSecret', plural: 'sealedsecrets', singular: 'sealedsecret' },
    });
    expect(version()).toMatchObject({
      name: 'v1alpha1',
      served: true,
      storage: true,
      subresources: { status: {} },
    });
  });

  it('has a structural schema', () => {
    expect(structuralIssues(sealedSecretSchema())).toEqual([]);
  });

  it('prints Status and Synced like the sealed-secrets CRD', () => {
    const columns = version().additionalPrinterColumns as Array<{ name: string }>;
    expect(columns.map((c) => c.name)).toEqual(['Status', 'Synced', 'Age']);
  });

  it('accepts the seed prod/sealed-secret.yaml', () => {
    const ss = seedSealedSecret();
    expect(ss.kind).toBe('SealedSecret');
    expect(schemaIssues(sealedSecretSchema(), ss)).toEqual([]);
    expect(validateSealedSecret(ss)).toEqual([]);
  });

  it('accepts kubeseal output with a template, null template data and status', () => {
    const ss = {
      ...seedSealedSecret(),
      spec: {
        encryptedData: { a: 'AgA=' },
        template: {
          metadata: { name: 'x', labels: { a: 'b' }, creationTimestamp: null },
          type: 'Opaque',
          immutable: true,
          data: { 'config.yaml': 'password: {{ .a }}', removed: null },
        },
      },
      status: { observedGeneration: 1, conditions: [{ type: 'Synced', status: 'True' }] },
    } as unknown as SealedSecret;
    expect(validateSealedSecret(ss)).toEqual([]);
  });

  it('reports mistakes with field paths', () => {
    const ss = {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'x' },
      spec: { encryptedData: { good: 'AgA=', 'bad key': 'AgA=', n: 5 }, extra: 1, data: 'AAAA' },
    } as unknown as SealedSecret;
    expect(validateSealedSecret(ss)).toEqual([
      'spec.encryptedData.n must be a string, got number 5',
      'spec.extra is not a known field',
      'spec.encryptedData["bad key"] is not a valid Secret key',
      'spec.data (the deprecated whole-Secret ciphertext) is not supported; re-seal with kubeseal or ferry seal',
    ]);
  });
});
