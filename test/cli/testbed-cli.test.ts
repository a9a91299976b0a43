import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ferry } from '../support/cli.js';
import { run } from '../../src/util/exec.js';
import type { TestbedEndpoints } from '../../src/testbed/endpoints.js';

const env = { FERRY_STATE_DIR: mkdtempSync(join(tmpdir(), 'ferry-state-')) };

afterAll(async () => {
  await ferry(['testbed', 'down'], env).catch(() => undefined);
});

describe('ferry testbed (CLI)', () => {
  it('prints its version and lists the commands', async () => {
    const { stdout: version } = await ferry(['--version']);
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const { stdout: help } = await ferry(['--help']);
    expect(help).toContain('testbed');
  });

  it('starts a bed in the background, serves a repo, reports status and stops', async () => {
    const { stdout } = await ferry(['testbed', 'up', '--clusters', 'one,two', '--no-nodes', '--json'], env);
    const endpoints = JSON.parse(stdout) as TestbedEndpoints;
    expect(Object.keys(endpoints.clusters)).toEqual(['one', 'two']);
    for (const key of ['helm', 'kustomize', 'kubectl']) expect(existsSync(endpoints.tools[key]!)).toBe(true);
    const { stdout: nsList } = await run(endpoints.tools.kubectl!, [
      '--kubeconfig',
      endpoints.clusters.two!.kubeconfig,
      'get',
      'ns',
      '-o',
      'name',
    ]);
    expect(nsList).toContain('namespace/default');

    const folder = mkdtempSync(join(tmpdir(), 'ferry-repo-'));
    mkdirSync(join(folder, 'apps'));
    writeFileSync(join(folder, 'apps', 'a.yaml'), 'a: 1\n');
    const { stdout: url } = await ferry(['testbed', 'repo', 'demo', '--from', folder], env);
    expect(url.trim()).toBe(`${endpoints.git.url}/demo.git`);
    const clone = join(folder, 'clone');
    const auth = new URL(url.trim());
    auth.username = endpoints.git.username!;
    auth.password = endpoints.git.password!;
    await run('git', ['clone', '-q', auth.toString(), clone]);
    expect(readFileSync(join(clone, 'apps', 'a.yaml'), 'utf8')).toBe('a: 1\n');

    const { stdout: status } = await ferry(['testbed', 'status', '--json'], env);
    expect((JSON.parse(status) as TestbedEndpoints).pid).toBe(endpoints.pid);

    const { stdout: down } = await ferry(['testbed', 'down'], env);
    expect(down).toContain('test bed stopped');
    await expect(ferry(['testbed', 'status'], env)).rejects.toThrow(/no test bed is running/);
  });
});
