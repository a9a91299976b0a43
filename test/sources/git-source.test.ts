import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { run } from '../../src/util/exec.js';
import {
  GitAuthError,
  GitRepositoryNotFoundError,
  GitRevisionNotFoundError,
  GitSource,
  GitUnreachableError,
  type GitSourceOptions,
} from '../../src/sources/git/index.js';

let bed: Testbed;
let work: string;
let caches = 0;
const shas: Record<string, string> = {};

/** A GitSource with its own empty cache, the bed's credentials, and a count of its fetches. */
function source(options: GitSourceOptions = {}): { git: GitSource; fetches: () => number; cache: string } {
  let count = 0;
  const cache = join(work, `cache-${++caches}`);
  const git = new GitSource({
    cacheDir: cache,
    credentialsFor: () => Promise.resolve({ username: bed.git.username, password: bed.git.password }),
    onFetch: () => void count++,
    ...options,
  });
  return { git, fetches: () => count, cache };
}

function folder(name: string, files: Record<string, string>): string {
  const dir = join(work, 'folders', name);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const url = (name: string): string => bed.git.cloneUrl(name, false);
const gitEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0' };

beforeAll(async () => {
  bed = await startTestbed({ clusters: [] });
  work = mkdtempSync(join(tmpdir(), 'ferry-git-source-'));
  shas.v1 = await bed.git.pushFolder('app', folder('v1', { 'apps/app.yaml': 'replicas: 1\n' }), {
    tag: 'v1.0.0',
    message: 'first',
  });
  shas.main = await bed.git.pushFolder('app', folder('v2', { 'apps/app.yaml': 'replicas: 2\n' }), {
    message: 'scale up\n\nto two replicas',
  });
  shas.feature = await bed.git.pushFolder('app', folder('f', { 'apps/app.yaml': 'replicas: 3\n' }), {
    branch: 'feature',
  });
  // An annotated tag, which resolve must peel to its commit.
  const clone = join(work, 'tagger');
  await run('git', ['clone', '-q', bed.git.cloneUrl('app'), clone], { env: gitEnv });
  const id = ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid'];
  await run('git', [...id, 'tag', '-a', 'v2.0.0', '-m', 'release', shas.main], { cwd: clone });
  await run('git', ['push', '-q', 'origin', 'v2.0.0'], { cwd: clone, env: gitEnv });
});

afterAll(async () => {
  await bed?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('GitSource.resolve', () => {
  it('resolves branches, tags, HEAD, full refs and full or short shas', async () => {
    const { git } = source();
    const cases: Array<[string, string, string]> = [
      ['main', shas.main!, 'refs/heads/main'],
      ['feature', shas.feature!, 'refs/heads/feature'],
      ['v1.0.0', shas.v1!, 'refs/tags/v1.0.0'],
      ['v2.0.0', shas.main!, 'refs/tags/v2.0.0'],
      ['HEAD', shas.main!, 'refs/heads/main'],
      ['', shas.main!, 'refs/heads/main'],
      ['refs/heads/feature', shas.feature!, 'refs/heads/feature'],
      [shas.v1!.slice(0, 8), shas.v1!, shas.v1!],
      [shas.feature!, shas.feature!, shas.feature!],
    ];
    for (const [revision, sha, ref] of cases) {
      expect(await git.resolve(url('app'), revision), revision).toEqual({ sha, ref });
    }
  });

  it('sees a new push when forced, and does not fetch again within minFetchIntervalMs', async () => {
    const first = await bed.git.pushFolder('moving', folder('m1', { a: '1' }));
    const { git, fetches } = source({ minFetchIntervalMs: 60_000 });
    expect((await git.resolve(url('moving'), 'main')).sha).toBe(first);
    const second = await bed.git.pushFolder('moving', folder('m2', { a: '2' }));
    expect((await git.resolve(url('moving'), 'main')).sha).toBe(first);
    expect(fetches()).toBe(1);
    expect((await git.resolve(url('moving'), 'main', { force: true })).sha).toBe(second);
    expect(fetches()).toBe(2);
  });

  it('runs one fetch for concurrent resolves of the same repository', async () => {
    const { git, fetches } = source();
    const revisions = ['main', 'HEAD', 'feature', 'v1.0.0', 'v2.0.0', shas.v1!.slice(0, 10)];
    const results = await Promise.all(revisions.map((r) => git.resolve(url('app'), r)));
    expect(results.map((r) => r.sha)).toEqual([
      shas.main,
      shas.main,
      shas.feature,
      shas.v1,
      shas.main,
      shas.v1,
    ]);
    expect(fetches()).toBe(1);
  });

  it('does not fetch for a full sha it already has', async () => {
    const { git, fetches } = source();
    await git.resolve(url('app'), 'main');
    await git.resolve(url('app'), shas.v1!);
    expect(fetches()).toBe(1);
  });

  it('fetches a ref outside branches and tags on demand, like refs/pull/1/head', async () => {
    const { git } = source();
    await git.resolve(url('app'), 'main');
    await run('git', ['push', '-q', 'origin', `${shas.feature}:refs/pull/1/head`], {
      cwd: join(work, 'tagger'),
      env: gitEnv,
    });
    expect(await git.resolve(url('app'), 'refs/pull/1/head')).toEqual({
      sha: shas.feature,
      ref: 'refs/pull/1/head',
    });
  });

  it('prunes deleted branches', async () => {
    await bed.git.pushFolder('app', folder('tmp', { t: 't' }), { branch: 'short-lived' });
    const { git } = source();
    await git.resolve(url('app'), 'short-lived');
    await run('git', ['push', '-q', bed.git.cloneUrl('app'), ':refs/heads/short-lived'], { env: gitEnv });
    await expect(git.resolve(url('app'), 'short-lived', { force: true })).rejects.toThrow(
      GitRevisionNotFoundError,
    );
  });

  it('fails on an unknown revision with GitRevisionNotFoundError', async () => {
    const { git } = source();
    const attempt = git.resolve(url('app'), 'v9.9.9');
    await expect(attempt).rejects.toThrow(GitRevisionNotFoundError);
    await expect(attempt).rejects.toThrow(
      `revision 'v9.9.9' not found in ${url('app')}: no branch, tag or commit by that name`,
    );
    await expect(git.resolve(url('app'), 'f'.repeat(40))).rejects.toThrow(GitRevisionNotFoundError);
  });

  it('fails on an unknown repository with GitRepositoryNotFoundError', async () => {
    const { git } = source();
    await expect(git.resolve(url('no-such-repo'), 'main')).rejects.toThrow(GitRepositoryNotFoundError);
  });
});

describe('GitSource credentials', () => {
  it('fails with GitAuthError on a wrong password, and never shows the password', async () => {
    const password = 'wrong-password-3f9c1e';
    const { git } = source({
      credentialsFor: () => Promise.resolve({ username: bed.git.username, password }),
    });
    const err: unknown = await git.resolve(url('app'), 'main').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitAuthError);
    const error = err as GitAuthError;
    expect(error.message).toBe(`authentication failed for ${url('app')}: check the repository credentials`);
    expect(error.cause).toBeDefined();
    const everything = `${error.message} ${String(error.cause)} ${JSON.stringify(error)} ${error.stack}`;
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(Buffer.from(`${bed.git.username}:${password}`).toString('base64'));
  });

  it('takes credentials from the URL but keeps them out of the mirror and of messages', async () => {
    const { git, cache } = source({ credentialsFor: undefined });
    expect((await git.resolve(bed.git.cloneUrl('app', true), 'main')).sha).toBe(shas.main);
    const mirrors = readdirSync(join(cache, 'mirrors'));
    expect(mirrors).toHaveLength(1);
    const config = readFileSync(join(cache, 'mirrors', mirrors[0]!, 'config'), 'utf8');
    expect(config).toContain(url('app'));
    expect(config).not.toContain(bed.git.password!);
    const bad = bed.git.cloneUrl('app', false).replace('http://', 'http://git:Sup3rSecret@');
    const err: unknown = await git.resolve(bad, 'main', { force: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitAuthError);
    expect(`${(err as Error).message} ${String((err as Error).cause)}`).not.toContain('Sup3rSecret');
  });

  it('fails with GitUnreachableError when nothing listens', async () => {
    const port = await closedPort();
    const { git } = source();
    await expect(git.resolve(`http://127.0.0.1:${port}/app.git`, 'main')).rejects.toThrow(
      GitUnreachableError,
    );
  });
});

describe('GitSource.checkout', () => {
  it('writes the tree of a commit, and reuses it', async () => {
    const { git } = source();
    const [a, b] = await Promise.all([
      git.checkout(url('app'), shas.v1!),
      git.checkout(url('app'), shas.v1!),
    ]);
    expect(a).toBe(b);
    expect(a).toContain(shas.v1);
    expect(readFileSync(join(a, 'apps', 'app.yaml'), 'utf8')).toBe('replicas: 1\n');
    expect(existsSync(join(a, '.git'))).toBe(false);
    const before = statSync(a);
    expect(await git.checkout(url('app'), shas.v1!)).toBe(a);
    expect(statSync(a).mtimeMs).toBe(before.mtimeMs);
    const main = await git.checkout(url('app'), shas.main!);
    expect(readFileSync(join(main, 'apps', 'app.yaml'), 'utf8')).toBe('replicas: 2\n');
    expect(readdirSync(join(a, '..'))).toEqual([shas.main, shas.v1].sort());
  });
});

describe('GitSource.listTags and commitInfo', () => {
  it('lists tags', async () => {
    const { git } = source();
    expect(await git.listTags(url('app'))).toEqual(['v1.0.0', 'v2.0.0']);
  });

  it('reads the author, date and message of a commit', async () => {
    const { git } = source();
    const info = await git.commitInfo(url('app'), shas.main!);
    expect(info.author).toBe('Ferry Test Bed <testbed@ferry.invalid>');
    expect(info.message).toBe('scale up\n\nto two replicas');
    expect(Number.isNaN(Date.parse(info.date))).toBe(false);
  });
});

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}
