import { describe, expect, it } from 'vitest';
import type { SealedSecret } from '../api/bitnami/types.js';
import { mergeSealed, sealSecret, sealValue } from './seal.js';
import { unsealSealedSecret } from './unseal.js';
import { canDecrypt, reencryptSealedSecret } from './reencrypt.js';
import { UnsealError } from './errors.js';
import { plain, secret, testKeys } from './testutil.js';

const k = testKeys();
const other = testKeys();
const NS = 'sealedsecrets.bitnami.com/namespace-wide';
const CW = 'sealedsecrets.bitnami.com/cluster-wide';

function moved(ss: SealedSecret, namespace: string, name: string): SealedSecret {
  return { ...ss, metadata: { ...ss.metadata, namespace, name } };
}

function unsealMessage(ss: SealedSecret, keys = [k.privateKey]): string {
  try {
    unsealSealedSecret(ss, keys);
  } catch (err) {
    if (err instanceof UnsealError) return err.message;
    throw err;
  }
  return 'unsealed';
}

describe('sealSecret', () => {
  it('produces kubeseal’s shape: scope annotation, template from the Secret, one value per key', () => {
    const ss = sealSecret(
      secret(
        'db',
        'my-app',
        { password: 'hunter2' },
        {
          type: 'Opaque',
          metadata: {
            labels: { app: 'x' },
            annotations: {
              [NS]: 'true',
              'kubectl.kubernetes.io/last-applied-configuration': '{"data":"leak"}',
            },
            uid: 'u',
            resourceVersion: '5',
            creationTimestamp: 't',
            ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'y' }],
          },
          stringData: { user: 'admin' },
        },
      ),
      k.publicKey,
    );
    expect(Object.keys(ss)).toEqual(['kind', 'apiVersion', 'metadata', 'spec']);
    expect(ss.metadata).toEqual({ name: 'db', namespace: 'my-app', annotations: { [NS]: 'true' } });
    expect(ss.spec.template).toEqual({
      metadata: { name: 'db', namespace: 'my-app', labels: { app: 'x' }, annotations: { [NS]: 'true' } },
      type: 'Opaque',
    });
    expect(Object.keys(ss.spec.encryptedData).sort()).toEqual(['password', 'user']);
    expect(JSON.stringify(ss)).not.toMatch(/hunter2|admin|leak/);
    expect(
      plain(unsealSealedSecret({ ...ss, metadata: { ...ss.metadata, uid: 'abc' } }, [k.privateKey])),
    ).toEqual({
      password: 'hunter2',
      user: 'admin',
    });
  });

  it('refuses what kubeseal refuses', () => {
    expect(() => sealSecret(secret('db', 'ns', {}), k.publicKey)).toThrow(/no data.*--allow-empty-data/);
    expect(() => sealSecret(secret('', 'ns', { a: 'b' }), k.publicKey)).toThrow(/missing metadata.name/);
    expect(() => sealSecret(secret('db', undefined, { a: 'b' }), k.publicKey)).toThrow(/no namespace/);
    expect(() => sealSecret({ ...secret('db', 'ns', {}), data: { a: '!!' } }, k.publicKey)).toThrow(
      /data.a .*base64/,
    );
    expect(() => sealSecret({ ...secret('db', 'ns', { a: 'b' }), kind: 'ConfigMap' }, k.publicKey)).toThrow(
      /expected a Secret/,
    );
  });

  it('takes the namespace from the default and lets --scope override annotations', () => {
    const ss = sealSecret(secret('db', undefined, { a: 'b' }), k.publicKey, {
      defaultNamespace: 'dev',
      scope: 'namespace-wide',
    });
    expect(ss.metadata).toEqual({ name: 'db', namespace: 'dev', annotations: { [NS]: 'true' } });
    expect(
      sealSecret(secret('db', undefined, { a: 'b' }), k.publicKey, { scope: 'cluster-wide' }).metadata
        .namespace,
    ).toBeUndefined();
  });
});

describe('scopes on unseal', () => {
  const base = secret('db', 'my-app', { password: 'hunter2' });
  it.each([
    [
      'strict',
      {},
      [
        ['my-app', 'db', true],
        ['my-app', 'renamed', false],
        ['other', 'db', false],
      ],
    ],
    [
      'namespace-wide',
      { [NS]: 'true' },
      [
        ['my-app', 'db', true],
        ['my-app', 'renamed', true],
        ['other', 'db', false],
      ],
    ],
    [
      'cluster-wide',
      { [CW]: 'true' },
      [
        ['my-app', 'db', true],
        ['my-app', 'renamed', true],
        ['other', 'x', true],
      ],
    ],
  ] as const)('%s', (_scope, annotations, cases) => {
    const ss = sealSecret({ ...base, metadata: { ...base.metadata, annotations } }, k.publicKey);
    for (const [namespace, name, ok] of cases) {
      const message = unsealMessage(moved(ss, namespace, name));
      if (ok) expect(message).toBe('unsealed');
      else
        expect(message).toMatch(
          /^cannot unseal password: no key could decrypt it \(sealed for another cluster/,
        );
    }
  });
});

describe('unsealSealedSecret', () => {
  const ss = sealSecret(
    secret('db', 'my-app', { a: 'one', b: 'two' }, { type: 'kubernetes.io/basic-auth', immutable: true }),
    k.publicKey,
  );
  const withUid = { ...ss, metadata: { ...ss.metadata, uid: 'u-1' } };

  it('builds the Secret from the template, owned by the SealedSecret', () => {
    const out = unsealSealedSecret(withUid, [other.privateKey, k.privateKey]);
    expect(out.metadata).toEqual({
      name: 'db',
      namespace: 'my-app',
      ownerReferences: [
        {
          apiVersion: 'bitnami.com/v1alpha1',
          kind: 'SealedSecret',
          name: 'db',
          uid: 'u-1',
          controller: true,
        },
      ],
    });
    expect(out.type).toBe('kubernetes.io/basic-auth');
    expect(out.immutable).toBe(true);
  });

  it('renders template data, and a null template removes a key', () => {
    const templated: SealedSecret = {
      ...withUid,
      spec: {
        ...ss.spec,
        template: {
          ...ss.spec.template,
          data: { 'conf.ini': 'a={{ .a }}\nb={{ index . "b" | upper }}', b: null },
        },
      },
    };
    expect(plain(unsealSealedSecret(templated, [k.privateKey]))).toEqual({
      a: 'one',
      'conf.ini': 'a=one\nb=TWO',
    });
  });

  it('skips the owner reference when the template asks', () => {
    const skip: SealedSecret = {
      ...withUid,
      spec: {
        ...ss.spec,
        template: {
          metadata: { annotations: { 'sealedsecrets.bitnami.com/skip-set-owner-references': 'true' } },
        },
      },
    };
    expect(unsealSealedSecret(skip, [k.privateKey]).metadata.ownerReferences).toBeUndefined();
  });

  it('names each bad key and why, without values', () => {
    const bad: SealedSecret = {
      ...ss,
      spec: {
        ...ss.spec,
        encryptedData: {
          ...ss.spec.encryptedData,
          c: 'not base64!',
          d: 'AgA=',
          e: sealValue(other.publicKey, Buffer.from('x'), {
            namespace: 'my-app',
            name: 'db',
            scope: 'strict',
          }),
        },
      },
    };
    expect(unsealMessage(bad)).toBe(
      'cannot unseal c: is not valid base64; d: is too short to be a sealed value (truncated?); e: no key could decrypt it (sealed for another cluster, or for another name or namespace: strict scope binds both)',
    );
    expect(unsealMessage(ss, [other.privateKey])).toMatch(
      /^cannot unseal a: no key could decrypt it; b: no key/,
    );
  });

  it('refuses the deprecated whole-Secret data field', () => {
    expect(unsealMessage({ ...ss, spec: { encryptedData: {}, data: 'AAAA' } })).toMatch(
      /deprecated 'spec.data'/,
    );
  });
});

describe('re-encrypt and verify', () => {
  const ss = sealSecret(secret('db', 'my-app', { a: 'one' }), k.publicKey);

  it('re-seals every value for the new key and keeps the rest', () => {
    const input = {
      ...ss,
      metadata: { ...ss.metadata, uid: 'u', resourceVersion: '3', labels: { x: 'y' } },
      status: { conditions: [] },
    };
    const out = reencryptSealedSecret(input, [k.privateKey], other.publicKey);
    expect(out.metadata).toEqual({ name: 'db', namespace: 'my-app', labels: { x: 'y' } });
    expect(out.status).toBeUndefined();
    expect(out.spec.template).toEqual(ss.spec.template);
    expect(canDecrypt(out, [other.privateKey])).toBe(true);
    expect(canDecrypt(out, [k.privateKey])).toBe(false);
  });

  it('never widens the scope from template annotations', () => {
    const sneaky: SealedSecret = {
      ...ss,
      spec: { ...ss.spec, template: { metadata: { annotations: { [CW]: 'true' } } } },
    };
    const out = reencryptSealedSecret(sneaky, [k.privateKey], k.publicKey);
    expect(canDecrypt(moved(out, 'elsewhere', 'db'), [k.privateKey])).toBe(false);
    expect(canDecrypt(out, [k.privateKey])).toBe(true);
  });
});

describe('mergeSealed (--merge-into)', () => {
  it('adds values, labels, annotations and template data', () => {
    const into = sealSecret(
      secret('db', 'ns', { a: '1', b: '2' }, { metadata: { labels: { l: '1' } } }),
      k.publicKey,
    );
    const update = sealSecret(
      secret('db', 'ns', { b: '3', c: '4' }, { metadata: { labels: { m: '2' } } }),
      k.publicKey,
    );
    const merged = mergeSealed(into, update);
    expect(merged.spec.template?.metadata?.labels).toEqual({ l: '1', m: '2' });
    expect(plain(unsealSealedSecret(merged, [k.privateKey]))).toEqual({ a: '1', b: '3', c: '4' });
  });
});
