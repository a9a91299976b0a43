/**
 * Compatibility with the real kubeseal (v0.36.0), both ways, and the `ferry seal` workflow:
 * kubeseal seals with our certificate and our controller unseals; `ferry seal` output opens with
 * `kubeseal --recovery-unseal` and our key Secrets as the backup file; kubeseal reaches our
 * controller through the API server's service proxy (--fetch-cert, --validate, --re-encrypt);
 * key renewal keeps old secrets working; `ferry lint` refuses plain Secrets.
 * The CLI runs from dist/: build first (`npx tsc -p .`, or scripts/setup.sh).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import type { SealedSecret } from '../../src/api/bitnami/index.js';
import { KeyRegistry, KeyRenewal, canDecrypt, type SealingKey } from '../../src/secrets/index.js';
import { silentLogger } from '../../src/util/log.js';
import { run } from '../../src/util/exec.js';
import { eventually } from '../support/kube.js';
import {
  decoded,
  ensureNamespace,
  exposeAsController,
  ferryCli,
  kubeseal,
  proxyableAddress,
  secretManifest,
  startSealingFerry,
  waitForSecret,
  type SealingFerry,
} from './support.js';

let bed: Testbed;
let f: SealingFerry;
let dir: string;
const ip = proxyableAddress();
const VALUE = 'tr0ub4dor&3';

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['prod'], nodes: false });
  f = await startSealingFerry(bed, 'prod', ip ? `${ip}:0` : undefined);
  await ensureNamespace(f.home, 'my-app');
  if (ip) await exposeAsController(f.home, ip, Number(new URL(f.ferry.server!.url).port));
  dir = mkdtempSync(join(tmpdir(), 'ferry-seal-'));
});

afterAll(async () => {
  await f?.ferry.stop();
  await bed?.stop();
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const certFile = (): string => file(`cert-${Date.now()}.pem`, f.ferry.sealedSecrets!.certificatePem());
const secretYaml = (
  name: string,
  values: Record<string, string>,
  annotations?: Record<string, string>,
): string => stringify(secretManifest(name, 'my-app', values, annotations));

/** Our key Secrets as `kubectl get -o yaml` prints them: the backup kubeseal --recovery-unseal reads. */
async function keyBackup(): Promise<string> {
  const { stdout } = await run(
    bed.tools.kubectl,
    [
      'get',
      'secret',
      '-n',
      'kube-system',
      '-l',
      'sealedsecrets.bitnami.com/sealed-secrets-key',
      '-o',
      'yaml',
    ],
    {
      env: { ...process.env, KUBECONFIG: f.kubeconfig },
    },
  );
  return file('keys.yaml', stdout);
}

describe('kubeseal → Ferry', () => {
  it.each(['strict', 'namespace-wide', 'cluster-wide'])(
    'kubeseal --cert FILE --scope %s: our controller unseals it',
    async (scope) => {
      const name = `from-kubeseal-${scope}`;
      const { stdout } = await kubeseal(
        bed,
        f.kubeconfig,
        ['--cert', certFile(), '--format', 'yaml', '--scope', scope],
        secretYaml(name, { password: VALUE }),
      );
      expect(stdout).toMatch(/^---\napiVersion: bitnami.com\/v1alpha1\nkind: SealedSecret\n/);
      expect(stdout).toMatch(/password: Ag/); // a 4096-bit key: 512-byte RSA block
      await f.home.apply(parse(stdout) as SealedSecret);
      expect(decoded(await waitForSecret(f.home, 'my-app', name))).toEqual({ password: VALUE });
    },
  );

  it('kubeseal --raw: our controller unseals the value', async () => {
    const { stdout } = await kubeseal(bed, f.kubeconfig, [
      '--raw',
      '--cert',
      certFile(),
      '--namespace',
      'my-app',
      '--name',
      'raw',
      '--from-file',
      file('v', VALUE),
    ]);
    await f.home.apply({
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'raw', namespace: 'my-app' },
      spec: { encryptedData: { v: stdout } },
    });
    expect(decoded(await waitForSecret(f.home, 'my-app', 'raw'))).toEqual({ v: VALUE });
  });
});

describe('Ferry → kubeseal', () => {
  it.each(['strict', 'namespace-wide', 'cluster-wide'])(
    'ferry seal --scope %s, opened by kubeseal --recovery-unseal with our key Secrets',
    async (scope) => {
      const sealed = await ferryCli(
        ['seal', '--cert', certFile(), '-o', 'yaml', '--scope', scope],
        secretYaml('to-kubeseal', { password: VALUE, user: 'admin' }),
      );
      expect(sealed.stdout).not.toContain(VALUE);
      const opened = await kubeseal(
        bed,
        f.kubeconfig,
        ['--recovery-unseal', '--recovery-private-key', await keyBackup(), '--format', 'yaml'],
        sealed.stdout,
      );
      const secret = parse(opened.stdout) as {
        data: Record<string, string>;
        metadata: { name: string; namespace: string };
      };
      expect(secret.metadata).toMatchObject({ name: 'to-kubeseal', namespace: 'my-app' });
      expect(decoded(secret as never)).toEqual({ password: VALUE, user: 'admin' });
    },
  );

  it('ferry seal --raw: kubeseal opens it inside a SealedSecret', async () => {
    const raw = await ferryCli(
      ['seal', '--raw', '--cert', certFile(), '--namespace', 'my-app', '--name', 'rawf', '--scope', 'strict'],
      VALUE,
    );
    const ss = {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'rawf', namespace: 'my-app' },
      spec: { encryptedData: { v: raw.stdout } },
    };
    const opened = await kubeseal(
      bed,
      f.kubeconfig,
      ['--recovery-unseal', '--recovery-private-key', await keyBackup()],
      JSON.stringify(ss),
    );
    expect(decoded(JSON.parse(opened.stdout) as never)).toEqual({ v: VALUE });
  });
});

describe.skipIf(!ip)('kubeseal reaches Ferry through the service proxy', () => {
  it('--fetch-cert gets our certificate; ferry seal without --cert does too', async () => {
    const { stdout } = await kubeseal(bed, f.kubeconfig, ['--fetch-cert']);
    expect(stdout).toBe(f.ferry.sealedSecrets!.certificatePem());
    const ours = await ferryCli(['seal', '--fetch-cert', '--kubeconfig', f.kubeconfig]);
    expect(ours.stdout).toBe(stdout);
  });

  it('--validate: 200 for ours, an error for a tampered one', async () => {
    const sealed = (
      await ferryCli(['seal', '--kubeconfig', f.kubeconfig], secretYaml('validate-me', { password: VALUE }))
    ).stdout;
    await kubeseal(bed, f.kubeconfig, ['--validate'], sealed);
    await ferryCli(['seal', '--validate', '--kubeconfig', f.kubeconfig], sealed);
    const ss = JSON.parse(sealed) as SealedSecret;
    const tampered = JSON.stringify({ ...ss, metadata: { ...ss.metadata, name: 'renamed' } });
    await expect(kubeseal(bed, f.kubeconfig, ['--validate'], tampered)).rejects.toThrow(
      /unable to decrypt sealed secret/,
    );
    await expect(ferryCli(['seal', '--validate', '--kubeconfig', f.kubeconfig], tampered)).rejects.toThrow(
      /unable to decrypt sealed secret/,
    );
  });
});

describe('ferry seal without the controller Service', () => {
  it('reads the certificate from the active key Secret', async () => {
    const { stdout } = await ferryCli([
      'seal',
      '--fetch-cert',
      '--kubeconfig',
      f.kubeconfig,
      '--controller-name',
      'not-there',
    ]);
    expect(stdout).toBe(f.ferry.sealedSecrets!.certificatePem());
    const sealed = await ferryCli(
      ['seal', '--kubeconfig', f.kubeconfig, '--controller-name', 'not-there', '-o', 'yaml'],
      secretYaml('via-key-secret', { a: VALUE }),
    );
    await f.home.apply(parse(sealed.stdout) as SealedSecret);
    expect(decoded(await waitForSecret(f.home, 'my-app', 'via-key-secret'))).toEqual({ a: VALUE });
  });

  it('--merge-into adds a value to an existing file, keeping its scope', async () => {
    const target = file(
      'merge.yaml',
      (
        await ferryCli(
          ['seal', '--cert', certFile(), '-o', 'yaml', '--scope', 'namespace-wide'],
          secretYaml('merged', { a: 'one' }),
        )
      ).stdout,
    );
    await ferryCli(
      ['seal', '--cert', certFile(), '-o', 'yaml', '--merge-into', target],
      secretYaml('merged', { b: 'two' }),
    );
    const ss = parse(readFileSync(target, 'utf8')) as SealedSecret;
    expect(Object.keys(ss.spec.encryptedData).sort()).toEqual(['a', 'b']);
    await f.home.apply(ss);
    expect(decoded(await waitForSecret(f.home, 'my-app', 'merged'))).toEqual({ a: 'one', b: 'two' });
  });

  it('refuses bad input with kubeseal’s messages', async () => {
    await expect(
      ferryCli(
        ['seal', '--cert', certFile()],
        'apiVersion: v1\nkind: Secret\nmetadata: {name: x, namespace: y}\n',
      ),
    ).rejects.toThrow(/no data.*--allow-empty-data/);
    await expect(ferryCli(['seal', '--cert', certFile()], 'a: 1\n---\nb: 2\n')).rejects.toThrow(
      /2 documents/,
    );
  });
});

describe('key renewal', () => {
  let oldKey: SealingKey;
  let newKey: SealingKey;
  let oldSealed: string;

  it('after renewal, secrets sealed with the old and the new key both unseal', async () => {
    const controller = f.ferry.sealedSecrets!;
    oldKey = controller.keys.latest();
    oldSealed = (
      await ferryCli(['seal', '--cert', certFile(), '-o', 'yaml'], secretYaml('before-renewal', { v: 'old' }))
    ).stdout;
    newKey = await controller.renewKey();
    expect(newKey.fingerprint).not.toBe(oldKey.fingerprint);
    expect(controller.keys.latest().fingerprint).toBe(newKey.fingerprint);
    const newSealed = (
      await ferryCli(['seal', '--cert', certFile(), '-o', 'yaml'], secretYaml('after-renewal', { v: 'new' }))
    ).stdout;
    expect(canDecrypt(parse(newSealed) as SealedSecret, [oldKey.privateKey])).toBe(false);
    await f.home.apply(parse(oldSealed) as SealedSecret);
    await f.home.apply(parse(newSealed) as SealedSecret);
    expect(decoded(await waitForSecret(f.home, 'my-app', 'before-renewal'))).toEqual({ v: 'old' });
    expect(decoded(await waitForSecret(f.home, 'my-app', 'after-renewal'))).toEqual({ v: 'new' });
    const keySecrets = await f.home.list('v1', 'Secret', {
      namespace: 'kube-system',
      labelSelector: 'sealedsecrets.bitnami.com/sealed-secrets-key=active',
    });
    expect(keySecrets.map((s) => s.metadata.name).sort()).toEqual([oldKey.name, newKey.name].sort());
  });

  it.skipIf(!ip)(
    'kubeseal --re-encrypt and ferry seal --re-encrypt move a file to the newest key',
    async () => {
      for (const reencrypt of [
        () => kubeseal(bed, f.kubeconfig, ['--re-encrypt', '--format', 'yaml'], oldSealed),
        () => ferryCli(['seal', '--re-encrypt', '-o', 'yaml', '--kubeconfig', f.kubeconfig], oldSealed),
      ]) {
        const moved = parse((await reencrypt()).stdout) as SealedSecret;
        expect(canDecrypt(moved, [oldKey.privateKey])).toBe(false);
        expect(canDecrypt(moved, [newKey.privateKey])).toBe(true);
        expect(moved.spec.template).toEqual((parse(oldSealed) as SealedSecret).spec.template);
      }
    },
  );

  it('renews on its own after the period, keeping the old key', async () => {
    const registry = new KeyRegistry(f.home, { namespace: 'renewal-test', bits: 2048, log: silentLogger });
    await ensureNamespace(f.home, 'renewal-test');
    await registry.generate();
    const renewal = new KeyRenewal(
      { newestKeyTime: () => registry.newestTime(), renew: () => registry.generate() },
      2_000,
      silentLogger,
    );
    renewal.start();
    try {
      await eventually(
        () => Promise.resolve(registry.all().length),
        (n) => n >= 2,
        { timeoutMs: 20_000 },
      );
    } finally {
      renewal.stop();
    }
    await registry.load();
    expect(registry.all().length).toBeGreaterThanOrEqual(2);
  });
});

describe('ferry lint', () => {
  it('refuses a plain Secret with data in a GitOps folder, passes a folder of SealedSecrets', async () => {
    const repo = join(dir, 'gitops');
    mkdirSync(join(repo, 'prod'), { recursive: true });
    writeFileSync(join(repo, 'prod', 'sealed-secret.yaml'), stringify(seedSealed()));
    await expect(ferryCli(['lint', repo])).resolves.toMatchObject({ stdout: 'no plain Secrets found\n' });
    writeFileSync(join(repo, 'prod', 'secret.yaml'), secretYaml('leaked', { password: VALUE }));
    const failed = await ferryCli(['lint', repo]).then(
      () => undefined,
      (err: { exitCode: number; stdout: string }) => err,
    );
    expect(failed?.exitCode).toBe(1);
    expect(failed?.stdout).toContain('prod/secret.yaml (document 1): Secret "leaked" holds 1 plain value');
    expect(failed?.stdout).not.toContain(VALUE);
  });
});

function seedSealed(): SealedSecret {
  return {
    apiVersion: 'bitnami.com/v1alpha1',
    kind: 'SealedSecret',
    metadata: { name: 'my-app-secrets', namespace: 'my-app' },
    spec: { encryptedData: { DB_PASSWORD: 'AgBy8h' } },
  };
}

describe('no value leaks', () => {
  it('appears in no log line', () => {
    expect(f.log.text).not.toContain(VALUE);
  });
});
