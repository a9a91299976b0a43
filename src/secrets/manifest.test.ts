import { describe, expect, it } from 'vitest';
import { formatObject, parseFormat, parseSingleObject } from './manifest.js';

describe('manifest input and output', () => {
  it('reads one object from YAML or JSON', () => {
    expect(
      parseSingleObject('apiVersion: v1\nkind: Secret\nmetadata: {name: a}\n', 'Secret').metadata.name,
    ).toBe('a');
    expect(
      parseSingleObject('{"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"}}', 'Secret').metadata
        .name,
    ).toBe('b');
    expect(
      parseSingleObject('---\napiVersion: v1\nkind: Secret\nmetadata: {name: c}\n---\n', 'Secret').metadata
        .name,
    ).toBe('c');
  });

  it('refuses several documents, nothing, and non-objects', () => {
    expect(() => parseSingleObject('a: 1\n---\nb: 2\n', 'Secret')).toThrow(/2 documents/);
    expect(() => parseSingleObject('', 'Secret')).toThrow(/no Secret found/);
    expect(() => parseSingleObject('just text', 'Secret')).toThrow(/not a Kubernetes object/);
  });

  it('prints YAML like kubeseal: ---, sorted keys, long values on one line, "true" quoted', () => {
    const long = 'A'.repeat(300);
    const out = formatObject(
      {
        kind: 'SealedSecret',
        apiVersion: 'bitnami.com/v1alpha1',
        metadata: { name: 'x', annotations: { b: 'true' } },
        spec: { encryptedData: { k: long } },
      },
      'yaml',
    );
    expect(out).toBe(
      `---\napiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  annotations:\n    b: "true"\n  name: x\nspec:\n  encryptedData:\n    k: ${long}\n`,
    );
  });

  it('prints JSON in field order with two-space indent', () => {
    expect(formatObject({ kind: 'K', apiVersion: 'v', metadata: { name: 'x' } }, 'json')).toBe(
      '{\n  "kind": "K",\n  "apiVersion": "v",\n  "metadata": {\n    "name": "x"\n  }\n}\n',
    );
    expect(parseFormat('YAML')).toBe('yaml');
    expect(() => parseFormat('toml')).toThrow(/unsupported output format/);
  });
});
