/**
 * Ferry's SealedSecret controller on two real control planes, prod and staging, each with its
 * own key: round trips in every scope, renamed and moved copies, the seed's manifest, another
 * cluster's secret, broken ciphertext, pre-existing Secrets, templates — and no value ever in
 * a log, an Event or a status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { SealedSecret } from '../../src/api/bitnami/index.js';
import { readCertificate, sealSecret, type Scope } from '../../src/secrets/index.js';
import { seedYaml } from '../support/ferry.js';
import {
  decoded,
  ensureNamespace,
  eventsOf,
  secretManifest,
  secretRef,
  ssRef,
  startSealingFerry,
  waitForSecret,
  waitForSynced,
  type SealingFerry,
} from './support.js';

let bed: Testbed;
let prod: SealingFerry;
let staging: SealingFerry;
const VALUE = 'correct-horse-battery-staple';

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['prod', 'staging'], nodes: false });
  [prod, staging] = await Promise.all([startSealingFerry(bed, 'prod'), startSealingFerry(bed, 'staging')]);
  for (const f of [prod, staging]) for (const ns of ['my-app', 'other']) await ensureNamespace(f.home, ns);
});

afterAll(async () => {
  await prod?.ferry.stop();
  await staging?.ferry.stop();
  await bed?.stop();
});

/** Seals for a cluster with the certificate its controller serves. */
function sealFor(
  f: SealingFerry,
  target: { name: string; namespace: string; scope?: Scope },
  values: Record<string, string>,
): SealedSecret {
  const { publicKey } = readCertificate(f.ferry.sealedSecrets!.certificatePem());
  return sealSecret(secretManifest(target.name, target.namespace, values), publicKey, {
    scope: target.scope,
  });
}

function renamed(ss: SealedSecret, namespace: string, name: string): SealedSecret {
  return { ...ss, metadata: { ...ss.metadata, namespace, name } };
}

describe('round trips', () => {
  it.each(['strict', 'namespace-wide', 'cluster-wide'] as const)(
    '%s scope: sealed → Secret, Synced=True, owned, Event',
    async (scope) => {
      const name = `rt-${scope}`;
      await prod.home.apply(
        sealFor(prod, { name, namespace: 'my-app', scope }, { password: VALUE, user: 'admin' }),
      );
      const secret = await waitForSecret(prod.home, 'my-app', name);
      expect(decoded(secret)).toEqual({ password: VALUE, user: 'admin' });
      expect(secret.metadata.ownerReferences).toMatchObject([
        { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', name, controller: true },
      ]);
      expect(await waitForSynced(prod.home, 'my-app', name, (c) => c.status === 'True')).toMatchObject({
        reason: 'Unsealed',
      });
      expect((await eventsOf(prod.home, 'my-app', name)).map((e) => e.reason)).toContain('Unsealed');
    },
  );

  it('unseals the seed’s prod/sealed-secret.yaml shape (and refuses its placeholder value clearly)', async () => {
    const seed = seedYaml('Sealed Secrets Per Environment') as SealedSecret;
    await prod.home.apply(seed);
    const failed = await waitForSynced(prod.home, 'my-app', 'my-app-secrets', (c) => c.status === 'False');
    expect(failed.message).toBe('cannot unseal DB_PASSWORD: is not valid base64');
    const real = sealFor(prod, { name: 'my-app-secrets', namespace: 'my-app' }, { DB_PASSWORD: VALUE });
    await prod.home.apply({ ...seed, spec: { encryptedData: real.spec.encryptedData } });
    expect(decoded(await waitForSecret(prod.home, 'my-app', 'my-app-secrets'))).toEqual({
      DB_PASSWORD: VALUE,
    });
  });
});

describe('scope binds the name and namespace', () => {
  it.each([
    ['strict', 'my-app', 'renamed', false],
    ['strict', 'other', 'moved', false],
    ['namespace-wide', 'my-app', 'ns-renamed', true],
    ['namespace-wide', 'other', 'ns-moved', false],
    ['cluster-wide', 'my-app', 'cw-renamed', true],
    ['cluster-wide', 'other', 'cw-moved', true],
  ] as const)(
    '%s sealed for my-app/original, applied as %s/%s: unseals=%s',
    async (scope, namespace, name, ok) => {
      const copy = renamed(
        sealFor(prod, { name: 'original', namespace: 'my-app', scope }, { password: VALUE }),
        namespace,
        name,
      );
      await prod.home.apply(copy);
      if (ok) {
        expect(decoded(await waitForSecret(prod.home, namespace, name))).toEqual({ password: VALUE });
        return;
      }
      const c = await waitForSynced(prod.home, namespace, name, (x) => x.status === 'False');
      expect(c.reason).toBe('ErrUnsealFailed');
      expect(c.message).toMatch(
        /^cannot unseal password: no key could decrypt it \(sealed for another cluster, or for another/,
      );
      expect(await prod.home.get(secretRef(namespace, name))).toBeUndefined();
      const warnings = (await eventsOf(prod.home, namespace, name)).filter((e) => e.type === 'Warning');
      expect(warnings[0]?.message).toMatch(/^Failed to unseal: cannot unseal password/);
    },
  );
});

describe('each cluster has its own key', () => {
  it('prod’s secret does not unseal in staging: Synced=False with the reason, no Secret', async () => {
    const ss = sealFor(prod, { name: 'cross', namespace: 'my-app' }, { password: VALUE });
    await staging.home.apply(ss);
    const c = await waitForSynced(staging.home, 'my-app', 'cross', (x) => x.status === 'False');
    expect(c).toMatchObject({ reason: 'ErrUnsealFailed' });
    expect(c.message).toContain('no key could decrypt it (sealed for another cluster');
    expect(await staging.home.get(secretRef('my-app', 'cross'))).toBeUndefined();
    await prod.home.apply(ss);
    expect(decoded(await waitForSecret(prod.home, 'my-app', 'cross'))).toEqual({ password: VALUE });
    expect(prod.ferry.sealedSecrets!.certificatePem()).not.toBe(
      staging.ferry.sealedSecrets!.certificatePem(),
    );
  });
});

describe('broken ciphertext leaves the Secret as it was', () => {
  const name = 'broken';
  const original = () => sealFor(prod, { name, namespace: 'my-app' }, { password: VALUE, other: 'x' });

  it.each([
    [
      'tampered',
      (v: string) => `${v.slice(0, -8)}${v.slice(-8) === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA'}`,
      'no key could decrypt it',
    ],
    ['truncated', (v: string) => v.slice(0, 40), 'is too short to be a sealed value (truncated?)'],
    ['invalid base64', (v: string) => `${v.slice(0, 20)}%%%${v.slice(23)}`, 'is not valid base64'],
  ])('%s value → clear error, old Secret untouched', async (_what, mangle, message) => {
    const good = original();
    await prod.home.apply(good);
    await waitForSecret(prod.home, 'my-app', name, (v) => v.password === VALUE);
    await waitForSynced(prod.home, 'my-app', name, (c) => c.status === 'True');
    const before = await prod.home.get(secretRef('my-app', name));
    const bad = {
      ...good,
      spec: {
        ...good.spec,
        encryptedData: { ...good.spec.encryptedData, password: mangle(good.spec.encryptedData.password!) },
      },
    };
    await prod.home.apply(bad);
    const c = await waitForSynced(prod.home, 'my-app', name, (x) => x.status === 'False');
    expect(c.message).toContain(`password: ${message}`);
    const after = await prod.home.get(secretRef('my-app', name));
    expect(after?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);
  });
});

describe('Secrets that already exist', () => {
  it('refuses a Secret it does not own, takes it over once annotated managed', async () => {
    await prod.home.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'preexisting', namespace: 'my-app' },
      stringData: { old: 'value' },
    });
    await prod.home.apply(sealFor(prod, { name: 'preexisting', namespace: 'my-app' }, { password: VALUE }));
    const c = await waitForSynced(prod.home, 'my-app', 'preexisting', (x) => x.status === 'False');
    expect(c).toMatchObject({
      reason: 'ErrUpdateFailed',
      message: 'Resource "preexisting" already exists and is not managed by SealedSecret',
    });
    await prod.home.mergePatch(secretRef('my-app', 'preexisting'), {
      metadata: { annotations: { 'sealedsecrets.bitnami.com/managed': 'true' } },
    });
    const secret = await waitForSecret(prod.home, 'my-app', 'preexisting', (v) => v.password === VALUE);
    expect(decoded(secret)).toEqual({ password: VALUE });
    expect(secret.metadata.ownerReferences?.[0]?.kind).toBe('SealedSecret');
  });

  it('puts back a deleted Secret and undoes an edit', async () => {
    await prod.home.apply(sealFor(prod, { name: 'selfheal', namespace: 'my-app' }, { password: VALUE }));
    await waitForSecret(prod.home, 'my-app', 'selfheal');
    await prod.home.delete(secretRef('my-app', 'selfheal'));
    await waitForSecret(prod.home, 'my-app', 'selfheal', (v) => v.password === VALUE);
    await prod.home.mergePatch(secretRef('my-app', 'selfheal'), {
      data: { password: Buffer.from('edited').toString('base64') },
    });
    await waitForSecret(prod.home, 'my-app', 'selfheal', (v) => v.password === VALUE);
  });
});

describe('the template', () => {
  it('gives the Secret its type, labels, annotations, immutability and templated keys', async () => {
    const ss = sealFor(prod, { name: 'templated', namespace: 'my-app' }, { user: 'admin', password: VALUE });
    ss.spec.template = {
      metadata: { labels: { app: 'my-app' }, annotations: { team: 'payments' } },
      type: 'kubernetes.io/basic-auth',
      immutable: true,
      data: {
        'config.ini': '[db]\nuser={{ .user }}\nurl=postgres://{{ .user }}:{{ index . "password" }}@db',
      },
    };
    await prod.home.apply(ss);
    const secret = await waitForSecret(prod.home, 'my-app', 'templated');
    expect(secret.type).toBe('kubernetes.io/basic-auth');
    expect(secret.immutable).toBe(true);
    expect(secret.metadata.labels).toEqual({ app: 'my-app' });
    expect(secret.metadata.annotations).toEqual({ team: 'payments' });
    expect(decoded(secret)['config.ini']).toBe(`[db]\nuser=admin\nurl=postgres://admin:${VALUE}@db`);
  });
});

describe('no value leaks', () => {
  it('appears in no log line, Event or status', async () => {
    for (const f of [prod, staging]) {
      expect(f.log.text).not.toContain(VALUE);
      const events = await f.home.list('v1', 'Event', { namespace: 'my-app' });
      expect(JSON.stringify(events)).not.toContain(VALUE);
      const sealed = await f.home.list('bitnami.com/v1alpha1', 'SealedSecret');
      expect(JSON.stringify(sealed.map((s) => s.status))).not.toContain(VALUE);
    }
    expect(prod.log.text).toContain('sealed secret');
    expect(await prod.home.get(ssRef('my-app', 'rt-strict'))).toBeDefined();
  });
});
