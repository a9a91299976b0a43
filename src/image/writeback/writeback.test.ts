import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../util/exec.js';
import { backoffMs, writeBack, WriteBackError, type WriteBackOptions } from './index.js';

// Real git against a bare repository on disk: the same commands as over HTTP, minus the network.
const identity = {
  GIT_AUTHOR_NAME: 'someone',
  GIT_AUTHOR_EMAIL: 'someone@example.com',
  GIT_COMMITTER_NAME: 'someone',
  GIT_COMMITTER_EMAIL: 'someone@example.com',
};
const git = async (cwd: string, ...args: string[]): Promise<string> =>
  (await run('git', args, { cwd, env: { ...process.env, ...identity } })).stdout.trim();

let root: string;
let remote: string;

/** Commits `content` to `file` on `branch` of the remote from a separate clone (someone else's push). */
async function pushFromElsewhere(file: string, content: string, branch = 'main'): Promise<string> {
  const work = mkdtempSync(join(root, 'other-'));
  await git(work, 'clone', '-q', '-b', branch, remote, '.');
  writeFileSync(join(work, file), content);
  await git(work, 'add', '-A');
  await git(work, 'commit', '-qm', `edit ${file}`);
  await git(work, 'push', '-q', 'origin', `HEAD:refs/heads/${branch}`);
  return git(work, 'rev-parse', 'HEAD');
}

const show = (rev: string, path: string): Promise<string> => git(remote, 'show', `${rev}:${path}`);

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'writeback-test-'));
  remote = join(root, 'remote.git');
  await git(root, 'init', '-q', '--bare', '--initial-branch', 'main', remote);
  await pushFromElsewhereInit();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function pushFromElsewhereInit(): Promise<void> {
  const work = mkdtempSync(join(root, 'init-'));
  await git(work, 'init', '-q', '-b', 'main');
  writeFileSync(join(work, 'values.yaml'), 'image:\n  tag: "1.0.0" # keep me\n');
  writeFileSync(join(work, 'README.md'), 'readme\n');
  await git(work, 'add', '-A');
  await git(work, 'commit', '-qm', 'init');
  await git(work, 'push', '-q', remote, 'HEAD:refs/heads/main');
}

function setTag(tag: string): (dir: string) => Promise<string[]> {
  return (dir) => {
    const path = join(dir, 'values.yaml');
    const before = readFileSync(path, 'utf8');
    const after = before.replace(/tag: "[^"]*"/, `tag: "${tag}"`);
    if (after === before) return Promise.resolve([]);
    writeFileSync(path, after);
    return Promise.resolve([`tag → ${tag}`]);
  };
}

const base = (over: Partial<WriteBackOptions<string>> = {}): WriteBackOptions<string> => ({
  url: remote,
  branch: 'main',
  author: { name: 'flux', email: 'flux@example.com' },
  edit: setTag('1.1.0'),
  message: (changes) => `chore: ${changes.join(', ')}`,
  ...over,
});

describe('writeBack', () => {
  it('commits once as the author and pushes; the rest of the file is unchanged', async () => {
    const result = await writeBack(base());
    expect(result).toMatchObject({
      changes: ['tag → 1.1.0'],
      pushed: true,
      attempts: 1,
      files: ['values.yaml'],
    });
    expect(await git(remote, 'rev-parse', 'main')).toBe(result.commit);
    expect(await git(remote, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%B', 'main')).toBe(
      'flux <flux@example.com>|flux <flux@example.com>|chore: tag → 1.1.0',
    );
    expect(await show('main', 'values.yaml')).toBe('image:\n  tag: "1.1.0" # keep me');
    expect(await git(remote, 'rev-list', '--count', 'main')).toBe('2');
  });

  it('makes no commit when the edit changes nothing', async () => {
    const before = await git(remote, 'rev-parse', 'main');
    const result = await writeBack(base({ edit: setTag('1.0.0') }));
    expect(result).toEqual({ changes: [], pushed: false, attempts: 1 });
    expect(await git(remote, 'rev-parse', 'main')).toBe(before);
  });

  it('makes no empty commit when the edit reports changes but the tree is the same', async () => {
    const before = await git(remote, 'rev-parse', 'main');
    const result = await writeBack(base({ edit: () => Promise.resolve(['claimed']) }));
    expect(result.pushed).toBe(false);
    expect(result.commit).toBeUndefined();
    expect(await git(remote, 'rev-parse', 'main')).toBe(before);
  });

  it('when the branch moved before the push, edits again on the new head and keeps the other commit', async () => {
    let calls = 0;
    let theirs = '';
    const edit = async (dir: string): Promise<string[]> => {
      calls++;
      // Between our fetch and our push, someone else pushes to the branch.
      if (calls === 1) theirs = await pushFromElsewhere('README.md', 'changed by someone else\n');
      return setTag('1.1.0')(dir);
    };
    const result = await writeBack(base({ edit }));
    expect(result).toMatchObject({ pushed: true, attempts: 2 });
    expect(calls).toBe(2);
    expect(await git(remote, 'rev-parse', 'main^')).toBe(theirs);
    expect(await show('main', 'README.md')).toBe('changed by someone else');
    expect(await show('main', 'values.yaml')).toBe('image:\n  tag: "1.1.0" # keep me');
  });

  it('gives up after maxAttempts when the branch keeps moving, without forcing', async () => {
    let n = 0;
    const edit = async (dir: string): Promise<string[]> => {
      await pushFromElsewhere('README.md', `move ${n++}\n`);
      return setTag('1.1.0')(dir);
    };
    await expect(writeBack(base({ edit, maxAttempts: 2 }))).rejects.toThrow(/rejected 2 times/);
    expect(await show('main', 'README.md')).toBe('move 1');
    expect(await show('main', 'values.yaml')).toContain('1.0.0');
  });

  it('pushes to another branch, created from the checkout branch, then builds on it', async () => {
    const first = await writeBack(base({ pushBranch: 'auto' }));
    expect(await git(remote, 'rev-parse', 'auto')).toBe(first.commit);
    expect(await show('main', 'values.yaml')).toContain('1.0.0');
    const second = await writeBack(base({ pushBranch: 'auto', edit: setTag('1.2.0') }));
    expect(await git(remote, 'rev-parse', 'auto^')).toBe(first.commit);
    expect(second.commit).toBe(await git(remote, 'rev-parse', 'auto'));
  });

  it('pushes with a refspec, and refuses a forcing one', async () => {
    const result = await writeBack(base({ refspec: 'refs/heads/main:refs/heads/review' }));
    expect(await git(remote, 'rev-parse', 'review')).toBe(result.commit);
    await expect(writeBack(base({ refspec: '+HEAD:refs/heads/x' }))).rejects.toThrow(WriteBackError);
  });

  it('names a missing branch', async () => {
    await expect(writeBack(base({ branch: 'nope' }))).rejects.toThrow(/branch 'nope' not found/);
  });

  it('serialises runs for the same repository and branch', async () => {
    const [a, b] = await Promise.all([
      writeBack(base({ edit: setTag('1.1.0') })),
      writeBack(base({ edit: setTag('1.2.0') })),
    ]);
    // Neither needed a retry: the second started after the first had pushed.
    expect([a.attempts, b.attempts]).toEqual([1, 1]);
    expect(await git(remote, 'rev-parse', 'main^')).toBe(a.commit);
    expect(await show('main', 'values.yaml')).toContain('1.2.0');
  });

  it('signs the commit with an armored OpenPGP key, and refuses a key it cannot use', async () => {
    const home = mkdtempSync(join(root, 'gpg-'));
    const env = { ...process.env, GNUPGHOME: home };
    const gpg = (...args: string[]): Promise<string> =>
      run('gpg', ['--batch', ...args], { env }).then((r) => r.stdout);
    await gpg('--passphrase', '', '--quick-gen-key', 'flux <flux@example.com>', 'ed25519', 'sign', 'never');
    const key = await gpg('--armor', '--export-secret-keys');
    await run('gpgconf', ['--kill', 'gpg-agent'], { env });
    const result = await writeBack(base({ signingKey: key }));
    expect(await git(remote, 'cat-file', '-p', result.commit!)).toContain('-----BEGIN PGP SIGNATURE-----');
    await expect(writeBack(base({ signingKey: 'not a key', edit: setTag('2.0.0') }))).rejects.toThrow(
      /cannot sign the commit/,
    );
    expect(await show('main', 'values.yaml')).toContain('1.1.0');
  });

  it('backs off with growing delays', () => {
    expect(backoffMs(2, () => 0.5)).toBe(250);
    expect(backoffMs(4, () => 0.5)).toBe(1000);
    expect(backoffMs(20, () => 0.5)).toBe(8000);
  });
});
