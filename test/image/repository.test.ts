/**
 * Flux's image reflector against the bed's real registry (Debian docker-registry with
 * htpasswd): images pushed through the Distribution API, ImageRepository scans with
 * exclusions and credentials from a dockerconfigjson Secret, and the seed's ImagePolicy
 * plus alphabetical, numerical and filterTags/extract policies choosing their tags.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { startRegistry, type Registry } from '../../src/testbed/registry.js';
import { join } from 'node:path';
import type { ImagePolicy, ImageRepository } from '../../src/api/image/index.js';
import { startFerryOn, type FerryUnderTest } from '../support/ferry.js';
import { eventually } from '../support/kube.js';
import { ferry } from '../support/cli.js';
import { RegistryClient, RegistryError } from '../../src/sources/registry/index.js';
import { imageName, pushImage, pushImageTo } from '../support/registry.js';
import {
  dockerConfigSecret,
  eventsOf,
  getImageObject,
  imagePolicy,
  imageRepository,
  ready,
  readyCondition,
  requestReconcile,
  seedDocuments,
  waitFor,
} from './support.js';

let bed: Testbed;
let f: FerryUnderTest;
const ns = 'flux-system';
const digests: Record<string, string> = {};

beforeAll(async () => {
  bed = await startTestbed({ clusters: ['dev'], nodes: false });
  for (const tag of ['1.0.0', '1.1.0', '1.2.0-rc.1', '2.0.0-bad']) {
    digests[tag] = (await pushImage(bed, 'org/my-app', tag)).digest;
  }
  f = await startFerryOn(bed);
  await f.home.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const { host, username, password } = bed.registry;
  await f.home.apply(
    dockerConfigSecret(ns, 'registry-creds', { host, username: username!, password: password! }),
  );
});
afterAll(async () => {
  await f?.stop();
  await bed?.stop();
});

const repoKey = (name: string): string => `${ns}/${name}`;
const scanned = (r: ImageRepository): boolean =>
  ready(r) === 'True' && r.status?.observedGeneration === r.metadata.generation;
const policyReady = (p: ImagePolicy): boolean =>
  ready(p) === 'True' && p.status?.observedGeneration === p.metadata.generation;

describe('ImageRepository and the seed ImagePolicy', () => {
  it('scans the registry and the seed policy (>=1.0.0) selects 1.1.0', async () => {
    const image = imageName(bed, 'org/my-app');
    await f.home.apply(imageRepository(ns, 'my-app', image));
    const [policy] = seedDocuments('Flux Image Automation');
    expect(policy!.kind).toBe('ImagePolicy');
    await f.home.apply({ ...policy!, metadata: { ...policy!.metadata, namespace: ns } });

    const repo = await waitFor<ImageRepository>(f.home, 'ImageRepository', repoKey('my-app'), scanned);
    expect(repo.status?.lastScanResult).toMatchObject({
      tagCount: 4,
      latestTags: ['2.0.0-bad', '1.2.0-rc.1', '1.1.0', '1.0.0'],
    });
    expect(repo.status?.canonicalImageName).toBe(image);
    expect(repo.status?.observedExclusionList).toEqual(['^.*\\.sig$']);
    expect(readyCondition(repo)?.message).toBe('successful scan: found 4 tags');

    const chosen = await waitFor<ImagePolicy>(f.home, 'ImagePolicy', repoKey('my-app'), policyReady);
    expect(chosen.status?.latestRef).toEqual({ name: image, tag: '1.1.0' });
    expect(chosen.status?.latestImage).toBe(`${image}:1.1.0`);
    expect(readyCondition(chosen)?.message).toBe(`Latest image tag for '${image}' resolved to 1.1.0`);

    // The v1beta2 view the seed was written in shows the same status.
    const v1beta2 = await f.home.get({
      apiVersion: 'image.toolkit.fluxcd.io/v1beta2',
      kind: 'ImagePolicy',
      namespace: ns,
      name: 'my-app',
    });
    expect((v1beta2?.status as ImagePolicy['status'])?.latestImage).toBe(`${image}:1.1.0`);

    const repoEvents = await eventsOf(f.home, 'ImageRepository', ns, 'my-app');
    expect(repoEvents).toContainEqual(
      expect.objectContaining({
        type: 'Normal',
        reason: 'Succeeded',
        message: 'successful scan: found 4 tags',
      }),
    );
    const policyEvents = await eventsOf(f.home, 'ImagePolicy', ns, 'my-app');
    expect(policyEvents.map((e) => e.message)).toContain(`Latest image tag for '${image}' resolved to 1.1.0`);
  });

  it('a new tag and a reconcile request move the policy on, keeping the previous ref', async () => {
    const image = imageName(bed, 'org/my-app');
    await pushImage(bed, 'org/my-app', '1.3.0');
    await requestReconcile(f.home, 'ImageRepository', ns, 'my-app');
    const policy = await waitFor<ImagePolicy>(
      f.home,
      'ImagePolicy',
      repoKey('my-app'),
      (p) => p.status?.latestRef?.tag === '1.3.0',
    );
    expect(policy.status?.observedPreviousRef).toEqual({ name: image, tag: '1.1.0' });
    expect(policy.status?.observedPreviousImage).toBe(`${image}:1.1.0`);
    expect(readyCondition(policy)?.message).toBe(
      `Latest image tag for '${image}' updated from 1.1.0 to 1.3.0`,
    );
    const repo = await getImageObject<ImageRepository>(f.home, 'ImageRepository', ns, 'my-app');
    expect(repo.status?.lastScanResult?.tagCount).toBe(5);
    expect(repo.status?.lastHandledReconcileAt).toBeDefined();
  });

  it('a range that matches nothing: Ready False with a clear message and a Warning Event', async () => {
    const image = imageName(bed, 'org/my-app');
    await f.home.apply(imagePolicy(ns, 'too-new', 'my-app', { policy: { semver: { range: '>=5.0.0' } } }));
    const policy = await waitFor<ImagePolicy>(
      f.home,
      'ImagePolicy',
      repoKey('too-new'),
      (p) => ready(p) === 'False',
    );
    const expected = `cannot determine the latest tag of '${image}': no tag of 5 tags is a version in the semver range '>=5.0.0'`;
    expect(readyCondition(policy)).toMatchObject({ reason: 'Failure', message: expected });
    expect(policy.status?.latestRef).toBeUndefined();
    await eventually(
      () => eventsOf(f.home, 'ImagePolicy', ns, 'too-new'),
      (events) => events.some((e) => e.type === 'Warning' && e.message === expected),
    );
  });

  it('an invalid range or a missing repository are said plainly', async () => {
    await f.home.apply(
      imagePolicy(ns, 'bad-range', 'my-app', { policy: { semver: { range: 'one point oh' } } }),
    );
    const bad = await waitFor<ImagePolicy>(
      f.home,
      'ImagePolicy',
      repoKey('bad-range'),
      (p) => ready(p) === 'False',
    );
    expect(readyCondition(bad)?.message).toContain(
      "spec.policy.semver.range: invalid semver range 'one point oh'",
    );
    await f.home.apply(imagePolicy(ns, 'orphan', 'nowhere', { policy: { semver: { range: '*' } } }));
    const orphan = await waitFor<ImagePolicy>(
      f.home,
      'ImagePolicy',
      repoKey('orphan'),
      (p) => ready(p) === 'False',
    );
    expect(readyCondition(orphan)).toMatchObject({
      reason: 'DependencyNotReady',
      message:
        "failed to get the referred ImageRepository: ImageRepository 'flux-system/nowhere' does not exist",
    });
  });

  it('digestReflectionPolicy IfNotPresent reflects the manifest digest', async () => {
    await f.home.apply(
      imagePolicy(ns, 'with-digest', 'my-app', {
        policy: { semver: { range: '~1.0' } },
        digestReflectionPolicy: 'IfNotPresent',
      }),
    );
    const policy = await waitFor<ImagePolicy>(f.home, 'ImagePolicy', repoKey('with-digest'), policyReady);
    expect(policy.status?.latestRef).toMatchObject({ tag: '1.0.0', digest: digests['1.0.0'] });
  });
});

describe('exclusionList', () => {
  it('drops .sig tags by default and the listed patterns when given', async () => {
    for (const tag of ['1.0.0', '1.1.0', 'sha256-abc.sig', 'latest'])
      await pushImage(bed, 'org/excluded', tag);
    const image = imageName(bed, 'org/excluded');
    await f.home.apply(imageRepository(ns, 'excluded', image));
    let repo = await waitFor<ImageRepository>(f.home, 'ImageRepository', repoKey('excluded'), scanned);
    expect(repo.status?.lastScanResult).toMatchObject({
      tagCount: 3,
      latestTags: ['latest', '1.1.0', '1.0.0'],
    });

    await f.home.apply(imageRepository(ns, 'excluded', image, { exclusionList: ['^latest$', '^1\\.0'] }));
    repo = await waitFor<ImageRepository>(
      f.home,
      'ImageRepository',
      repoKey('excluded'),
      (r) => scanned(r) && r.status?.lastScanResult?.tagCount === 2,
    );
    expect(repo.status?.lastScanResult?.latestTags).toEqual(['sha256-abc.sig', '1.1.0']);
    expect(repo.status?.observedExclusionList).toEqual(['^latest$', '^1\\.0']);
  });
});

describe('alphabetical, numerical, filterTags', () => {
  const tags = [
    'main-a1b2-100',
    'main-c3d4-99',
    'main-e5f6-1000',
    'RELEASE.2024-01-02T10-00-00Z',
    'RELEASE.2024-03-01T09-00-00Z',
    '5',
    '42',
    '7',
  ];
  beforeAll(async () => {
    for (const tag of tags) await pushImage(bed, 'org/builds', tag);
    await f.home.apply(imageRepository(ns, 'builds', imageName(bed, 'org/builds')));
    await waitFor<ImageRepository>(f.home, 'ImageRepository', repoKey('builds'), scanned);
  });

  it.each<[string, Partial<ImagePolicy['spec']>, string]>([
    [
      'alpha-extract',
      {
        policy: { alphabetical: { order: 'asc' } },
        filterTags: { pattern: '^RELEASE\\.(?P<timestamp>.*)Z$', extract: '$timestamp' },
      },
      'RELEASE.2024-03-01T09-00-00Z',
    ],
    ['alpha-desc', { policy: { alphabetical: { order: 'desc' } } }, '42'],
    ['alpha-asc', { policy: { alphabetical: {} } }, 'main-e5f6-1000'],
    [
      'num-extract',
      {
        policy: { numerical: { order: 'asc' } },
        filterTags: { pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)$', extract: '$ts' },
      },
      'main-e5f6-1000',
    ],
    ['num-desc', { policy: { numerical: { order: 'desc' } }, filterTags: { pattern: '^[0-9]+$' } }, '5'],
    ['num-asc', { policy: { numerical: { order: 'asc' } }, filterTags: { pattern: '^[0-9]+$' } }, '42'],
  ])('%s', async (name, spec, expected) => {
    await f.home.apply(imagePolicy(ns, name, 'builds', spec));
    const policy = await waitFor<ImagePolicy>(f.home, 'ImagePolicy', repoKey(name), policyReady);
    expect(policy.status?.latestRef?.tag).toBe(expected);
  });

  it('numerical order over tags that are not numbers stalls with the tag named', async () => {
    await f.home.apply(imagePolicy(ns, 'num-unfiltered', 'builds', { policy: { numerical: {} } }));
    const policy = await waitFor<ImagePolicy>(
      f.home,
      'ImagePolicy',
      repoKey('num-unfiltered'),
      (p) => ready(p) === 'False',
    );
    expect(readyCondition(policy)?.reason).toBe('InvalidPolicy');
    expect(readyCondition(policy)?.message).toMatch(
      /tag '[^']+' is not a number; numerical order needs numeric tags/,
    );
    expect(policy.status?.conditions?.find((c) => c.type === 'Stalled')?.status).toBe('True');
  });
});

describe('credentials', () => {
  it('wrong credentials: Ready False naming the registry, an Event, the last good scan kept', async () => {
    const image = imageName(bed, 'org/my-app');
    const { host, username, password } = bed.registry;
    await f.home.apply(
      dockerConfigSecret(ns, 'rotating-creds', { host, username: username!, password: password! }),
    );
    await f.home.apply(imageRepository(ns, 'guarded', image, { secretRef: { name: 'rotating-creds' } }));
    await f.home.apply(imagePolicy(ns, 'guarded', 'guarded', { policy: { semver: { range: '>=1.0.0' } } }));
    const good = await waitFor<ImageRepository>(f.home, 'ImageRepository', repoKey('guarded'), scanned);
    await waitFor<ImagePolicy>(
      f.home,
      'ImagePolicy',
      repoKey('guarded'),
      (p) => p.status?.latestRef?.tag === '1.3.0',
    );

    const wrongPassword = 'definitely-not-the-password';
    await f.home.apply(
      dockerConfigSecret(ns, 'rotating-creds', { host, username: username!, password: wrongPassword }),
    );
    await requestReconcile(f.home, 'ImageRepository', ns, 'guarded');
    const failed = await waitFor<ImageRepository>(
      f.home,
      'ImageRepository',
      repoKey('guarded'),
      (r) => ready(r) === 'False',
    );
    const condition = readyCondition(failed)!;
    expect(condition.reason).toBe('AuthenticationFailed');
    expect(condition.message).toContain(
      `cannot list tags of ${image}: registry ${host} rejected the credentials (HTTP 401`,
    );
    expect(condition.message).toContain('keeping the last good scan');
    expect(condition.message).not.toContain(wrongPassword);
    expect(failed.status?.lastScanResult).toEqual(good.status?.lastScanResult);
    const events = await eventually(
      () => eventsOf(f.home, 'ImageRepository', ns, 'guarded'),
      (list) => list.some((e) => e.type === 'Warning' && e.reason === 'AuthenticationFailed'),
    );
    expect(JSON.stringify(events)).not.toContain(wrongPassword);
    // The policy keeps choosing from the last good tags.
    const policy = await getImageObject<ImagePolicy>(f.home, 'ImagePolicy', ns, 'guarded');
    expect(policy.status?.latestRef?.tag).toBe('1.3.0');

    // Fixing the Secret and asking again recovers.
    await f.home.apply(
      dockerConfigSecret(ns, 'rotating-creds', { host, username: username!, password: password! }),
    );
    await requestReconcile(f.home, 'ImageRepository', ns, 'guarded');
    await waitFor<ImageRepository>(f.home, 'ImageRepository', repoKey('guarded'), (r) => ready(r) === 'True');
  });

  it('a missing Secret is reported on Ready', async () => {
    await f.home.apply(
      imageRepository(ns, 'no-secret', imageName(bed, 'org/my-app'), { secretRef: { name: 'absent' } }),
    );
    const repo = await waitFor<ImageRepository>(
      f.home,
      'ImageRepository',
      repoKey('no-secret'),
      (r) => ready(r) === 'False',
    );
    expect(readyCondition(repo)).toMatchObject({
      reason: 'AuthenticationFailed',
      message: 'scan failed: secretRef: secrets "absent" not found in namespace flux-system',
    });
  });

  it('an image reference with a tag is rejected as ImageURLInvalid', async () => {
    await f.home.apply(imageRepository(ns, 'tagged', `${imageName(bed, 'org/my-app')}:1.0.0`));
    const repo = await waitFor<ImageRepository>(
      f.home,
      'ImageRepository',
      repoKey('tagged'),
      (r) => ready(r) === 'False',
    );
    expect(readyCondition(repo)?.reason).toBe('ImageURLInvalid');
    expect(readyCondition(repo)?.message).toContain('names a tag or digest; give the repository only');
  });
});

describe('a registry with token auth (Bearer challenge, as ghcr.io and Docker Hub)', () => {
  let tokenRegistry: Registry;
  beforeAll(async () => {
    tokenRegistry = await startRegistry({
      dir: join(bed.dir, 'token-registry'),
      username: 'robot',
      password: 'token-registry-secret',
      auth: 'token',
    });
    for (const tag of ['0.9.0', '1.0.0', '1.0.1']) await pushImageTo(tokenRegistry, 'team/api', tag);
  });
  afterAll(async () => {
    await tokenRegistry?.process.stop();
    await tokenRegistry?.tokenServer?.stop();
  });

  it('scans with a token from the realm and the policy picks the highest version', async () => {
    const image = `${tokenRegistry.host}/team/api`;
    const credentials = { host: tokenRegistry.host, username: 'robot', password: 'token-registry-secret' };
    await f.home.apply(dockerConfigSecret(ns, 'token-creds', credentials));
    await f.home.apply(imageRepository(ns, 'token-api', image, { secretRef: { name: 'token-creds' } }));
    await f.home.apply(
      imagePolicy(ns, 'token-api', 'token-api', { policy: { semver: { range: '^1.0.0' } } }),
    );
    const repo = await waitFor<ImageRepository>(f.home, 'ImageRepository', repoKey('token-api'), scanned);
    expect(repo.status?.lastScanResult?.tagCount).toBe(3);
    const policy = await waitFor<ImagePolicy>(f.home, 'ImagePolicy', repoKey('token-api'), policyReady);
    expect(policy.status?.latestRef).toEqual({ name: image, tag: '1.0.1' });
    expect(tokenRegistry.tokenServer!.issued()).toBeGreaterThan(0);
  });

  it('wrong credentials: the token server refusal is on Ready', async () => {
    const image = `${tokenRegistry.host}/team/api`;
    const wrong = { host: tokenRegistry.host, username: 'robot', password: 'wrong-token-password' };
    await f.home.apply(dockerConfigSecret(ns, 'token-wrong', wrong));
    await f.home.apply(imageRepository(ns, 'token-wrong', image, { secretRef: { name: 'token-wrong' } }));
    const repo = await waitFor<ImageRepository>(
      f.home,
      'ImageRepository',
      repoKey('token-wrong'),
      (r) => ready(r) === 'False',
    );
    expect(readyCondition(repo)?.reason).toBe('AuthenticationFailed');
    expect(readyCondition(repo)?.message).toContain(`cannot list tags of ${image}: the token server`);
    expect(readyCondition(repo)?.message).toContain('rejected the credentials');
    expect(readyCondition(repo)?.message).not.toContain('wrong-token-password');
  });
});

describe('the registry client against the bed', () => {
  const auth = (): { username: string; password: string } => ({
    username: bed.registry.username!,
    password: bed.registry.password!,
  });

  it('follows Link pagination, reads digests and build dates', async () => {
    const created = new Date('2024-05-06T07:08:09Z');
    const { digest } = await pushImage(bed, 'org/dated', '1.0.0', { created });
    for (const tag of ['1.0.1', '1.0.2', '1.0.3', '1.0.4']) await pushImage(bed, 'org/dated', tag);
    const image = imageName(bed, 'org/dated');
    const client = new RegistryClient({ pageSize: 2 });
    const options = { auth: auth(), insecure: true };
    expect((await client.listTags(image, options)).sort()).toEqual([
      '1.0.0',
      '1.0.1',
      '1.0.2',
      '1.0.3',
      '1.0.4',
    ]);
    expect(await client.manifestDigest(image, '1.0.0', options)).toBe(digest);
    expect(await client.imageCreated(image, '1.0.0', options)).toEqual(created);
  });

  it('names the image and the registry when a tag or repository does not exist', async () => {
    const client = new RegistryClient();
    const options = { auth: auth(), insecure: true };
    const missing = await client
      .manifestDigest(imageName(bed, 'org/dated'), '9.9.9', options)
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(RegistryError);
    expect((missing as RegistryError).reason).toBe('NotFound');
    expect((missing as RegistryError).message).toBe(
      `cannot read the digest of tag 9.9.9 of ${imageName(bed, 'org/dated')}: registry ${bed.registry.host} has no such repository or tag (HTTP 404 Not Found)`,
    );
    const https = await client
      .listTags(imageName(bed, 'org/dated'), { auth: auth() })
      .catch((e: unknown) => e);
    expect((https as RegistryError).reason).toBe('Unreachable');
    expect((https as RegistryError).message).toContain('(a plain-HTTP registry needs insecure: true)');
  });
});

describe('ferry image list|scan|policies', () => {
  const cli = (args: string[]) => ferry([...args, '-n', ns, '--kubeconfig', bed.clusters.dev!.kubeconfig]);

  it('list shows each repository with its tag count and last scan', async () => {
    const { stdout } = await cli(['image', 'list']);
    const line = stdout.split('\n').find((l) => l.startsWith('builds '));
    expect(stdout.split('\n')[0]).toMatch(/^NAME\s+IMAGE\s+TAGS\s+LAST SCAN\s+SUSPENDED\s+READY\s+MESSAGE$/);
    expect(line).toMatch(
      new RegExp(
        `^builds\\s+${imageName(bed, 'org/builds')}\\s+8\\s+\\S+Z \\(\\d+[smh] ago\\)\\s+False\\s+True\\s+successful scan: found 8 tags$`,
      ),
    );
  });

  it('scan NAME scans now, shows progress and the policies that follow', async () => {
    await pushImage(bed, 'org/my-app', '1.4.0');
    const { stdout, stderr } = await cli(['image', 'scan', 'my-app']);
    expect(stderr).toContain('ImageRepository flux-system/my-app');
    expect(stdout).toContain(`${imageName(bed, 'org/my-app')}: 6 tags (scanned `);
    expect(stdout).toContain('latest tags: 2.0.0-bad, 1.4.0, 1.3.0, 1.2.0-rc.1, 1.1.0, 1.0.0');
    expect(stdout).toMatch(new RegExp(`policy my-app: ${imageName(bed, 'org/my-app')}:1\\.4\\.0`));
    expect(stdout).toContain('policy too-new: not ready: cannot determine the latest tag');
  });

  it('scan of a repository that cannot be scanned fails with the reason', async () => {
    const failed = await cli(['image', 'scan', 'no-secret']).catch((err: { stderr: string }) => err);
    expect(failed.stderr).toContain(
      'ImageRepository flux-system/no-secret is not ready: scan failed: secretRef: secrets "absent" not found',
    );
  });

  it('policies shows each policy and the latest image it selects', async () => {
    const { stdout } = await cli(['image', 'policies']);
    const image = imageName(bed, 'org/my-app');
    const line = stdout.split('\n').find((l) => l.startsWith('my-app '));
    expect(line).toMatch(
      new RegExp(`^my-app\\s+my-app\\s+${image}:1\\.4\\.0\\s+${image}:1\\.3\\.0\\s+True\\s+Latest image tag`),
    );
    expect(stdout).toMatch(/too-new\s+my-app\s+False\s+cannot determine the latest tag/);
  });
});

describe('a controller restart', () => {
  it('rescans (the tag store is in memory) and the policies keep their latest image without a flap', async () => {
    const before = await getImageObject<ImageRepository>(f.home, 'ImageRepository', ns, 'my-app');
    const policyBefore = await getImageObject<ImagePolicy>(f.home, 'ImagePolicy', ns, 'my-app');
    const warningsBefore = (await eventsOf(f.home, 'ImagePolicy', ns, 'my-app')).filter(
      (e) => e.type === 'Warning',
    );
    await f.stop();
    f = await startFerryOn(bed);
    const after = await waitFor<ImageRepository>(
      f.home,
      'ImageRepository',
      repoKey('my-app'),
      (r) => scanned(r) && r.status?.lastScanResult?.scanTime !== before.status?.lastScanResult?.scanTime,
    );
    expect(after.status?.lastScanResult?.revision).toBe(before.status?.lastScanResult?.revision);
    // Give the policy time to be reconciled against the refilled store.
    await new Promise((r) => setTimeout(r, 1500));
    const policy = await getImageObject<ImagePolicy>(f.home, 'ImagePolicy', ns, 'my-app');
    expect(policy.status?.latestRef).toEqual(policyBefore.status?.latestRef);
    expect(ready(policy)).toBe('True');
    const warnings = (await eventsOf(f.home, 'ImagePolicy', ns, 'my-app')).filter(
      (e) => e.type === 'Warning',
    );
    expect(warnings).toEqual(warningsBefore);
  });
});
