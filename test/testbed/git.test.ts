import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { run } from '../../src/util/exec.js';

let bed: Testbed;
let work: string;

beforeAll(async () => {
  bed = await startTestbed({ clusters: [] });
  work = mkdtempSync(join(tmpdir(), 'ferry-git-test-'));
});
afterAll(async () => {
  await bed?.stop();
});

const gitEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0' };

describe('the test bed git server', () => {
  it('serves a pushed folder for clone over HTTP, with history', async () => {
    const src = join(work, 'src');
    mkdirSync(join(src, 'apps'), { recursive: true });
    writeFileSync(join(src, 'apps', 'app.yaml'), 'replicas: 1\n');
    const first = await bed.git.pushFolder('gitops', src, { tag: 'v1.0.0' });
    writeFileSync(join(src, 'apps', 'app.yaml'), 'replicas: 2\n');
    const second = await bed.git.pushFolder('gitops', src, { message: 'scale up' });
    expect(second).not.toBe(first);

    const clone = join(work, 'clone');
    await run('git', ['clone', '-q', bed.git.cloneUrl('gitops'), clone], { env: gitEnv });
    expect(readFileSync(join(clone, 'apps', 'app.yaml'), 'utf8')).toBe('replicas: 2\n');
    const { stdout: log } = await run('git', ['log', '--format=%s'], { cwd: clone });
    expect(log.trim().split('\n')).toEqual(['scale up', 'update gitops']);
    const { stdout: tagged } = await run('git', ['rev-parse', 'v1.0.0^{commit}'], { cwd: clone });
    expect(tagged.trim()).toBe(first);
  });

  it('accepts a push from a clone', async () => {
    const clone = join(work, 'pusher');
    await run('git', ['clone', '-q', bed.git.cloneUrl('gitops'), clone], { env: gitEnv });
    writeFileSync(join(clone, 'NOTES'), 'hello\n');
    const id = ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid'];
    await run('git', [...id, 'commit', '-q', '--allow-empty', '-m', 'from a clone'], { cwd: clone });
    await run('git', ['add', 'NOTES'], { cwd: clone });
    await run('git', [...id, 'commit', '-q', '-m', 'notes'], { cwd: clone });
    await run('git', ['push', '-q', 'origin', 'HEAD:main'], { cwd: clone, env: gitEnv });
    const { stdout } = await run('git', ['ls-remote', bed.git.cloneUrl('gitops'), 'refs/heads/main'], {
      env: gitEnv,
    });
    const { stdout: head } = await run('git', ['rev-parse', 'HEAD'], { cwd: clone });
    expect(stdout.split('\t')[0]).toBe(head.trim());
  });

  it('refuses clone and push with bad credentials, saying so', async () => {
    const bad = bed.git.cloneUrl('gitops', false).replace('http://', 'http://git:wrong-password@');
    const attempt = run('git', ['clone', '-q', bad, join(work, 'denied')], { env: gitEnv });
    await expect(attempt).rejects.toThrow(/Authentication failed|401/);
    const anonymous = run('git', ['ls-remote', bed.git.cloneUrl('gitops', false)], { env: gitEnv });
    await expect(anonymous).rejects.toThrow(/could not read Username|Authentication failed|401/);
  });
});
