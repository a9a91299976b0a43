import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/object.js';
import { FIRST_MASK, redactSecrets } from './redact.js';
import { b64, deployment, secret } from './testutil.js';

const M1 = FIRST_MASK;
const M2 = FIRST_MASK + '++++';
const M3 = FIRST_MASK + '++++++++';

function withLastApplied(live: KubeObject, lastApplied: unknown): KubeObject {
  const text = typeof lastApplied === 'string' ? lastApplied : JSON.stringify(lastApplied);
  return {
    ...live,
    metadata: { ...live.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': text } },
  };
}

function lastAppliedOf(obj: KubeObject | undefined): unknown {
  const text = obj?.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? 'null';
  return text.startsWith('{') ? JSON.parse(text) : text;
}

describe('redactSecrets', () => {
  it.each<[string, KubeObject | undefined, KubeObject | undefined, { desired?: unknown; live?: unknown }]>([
    [
      'equal values share a mask',
      secret({ data: { a: b64('s3cr3t') } }),
      secret({ data: { a: b64('s3cr3t') } }),
      { desired: { a: M1 }, live: { a: M1 } },
    ],
    [
      'different values differ',
      secret({ data: { a: b64('one') } }),
      secret({ data: { a: b64('two') } }),
      { desired: { a: M1 }, live: { a: M2 } },
    ],
    [
      'stringData counts as its base64 data',
      secret({ stringData: { a: 'same' } }),
      secret({ data: { a: b64('same') } }),
      { desired: { a: M1 }, live: { a: M1 } },
    ],
    [
      'keys are masked one by one',
      secret({ data: { a: 'x', b: 'y' } }),
      secret({ data: { a: 'x', c: 'z' } }),
      { desired: { a: M1, b: M1 }, live: { a: M1, c: M1 } },
    ],
    ['only desired', secret({ data: { a: 'x' } }), undefined, { desired: { a: M1 } }],
    ['only live', undefined, secret({ data: { a: 'x' } }), { live: { a: M1 } }],
  ])('%s', (_name, desired, live, expected) => {
    const out = redactSecrets(desired, live);
    expect(out.desired?.data).toEqual(expected.desired);
    expect(out.live?.data).toEqual(expected.live);
    expect(out.desired?.stringData).toBeUndefined();
  });

  it('masks the last-applied annotation too, counting it third', () => {
    const live = withLastApplied(
      secret({ data: { a: b64('live') } }),
      secret({ stringData: { a: 'older' } }),
    );
    const out = redactSecrets(secret({ data: { a: b64('desired') } }), live);
    expect(out.desired?.data).toEqual({ a: M1 });
    expect(out.live?.data).toEqual({ a: M2 });
    expect(lastAppliedOf(out.live)).toMatchObject({ data: { a: M3 } });
    expect(JSON.stringify(out)).not.toContain('older');
    expect(JSON.stringify(out)).not.toContain(b64('older'));
  });

  it.each([['not json {'], [JSON.stringify({ kind: 'Something', data: { a: 'leak' } })]])(
    'replaces an unreadable last-applied annotation wholesale: %s',
    (text) => {
      const out = redactSecrets(undefined, withLastApplied(secret({ data: { a: 'x' } }), text));
      expect(lastAppliedOf(out.live)).toBe(M1);
    },
  );

  it('masks a data field that is not a map', () => {
    const odd = { ...secret({}), data: 'c2VjcmV0' } as KubeObject;
    expect(redactSecrets(odd, undefined).desired?.data).toBe(M1);
  });

  it('leaves other kinds alone and never changes its inputs', () => {
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { a: 'visible' },
    };
    const s = secret({ data: { a: 'x' } });
    const before = JSON.stringify([cm, s]);
    const out = redactSecrets(cm, s);
    expect(out.desired).toEqual(cm);
    expect(JSON.stringify([cm, s])).toBe(before);
    expect(redactSecrets(deployment(), undefined).desired).toEqual(deployment());
  });

  it('does not treat a Secret-named kind of another group as a Secret', () => {
    const sealed: KubeObject = {
      apiVersion: 'example.com/v1',
      kind: 'Secret',
      metadata: { name: 'x' },
      data: { a: 'kept' },
    };
    expect(redactSecrets(sealed, undefined).desired?.data).toEqual({ a: 'kept' });
  });
});
