/**
 * The README's first command: `npm run demo` runs scripts/demo.sh, which sets up and
 * starts `ferry demo`. Here `ferry demo --once` runs on its own state folder and must
 * bring every example app to Synced and Healthy and print the dashboard URL.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/util/paths.js';
import { ferry } from '../support/cli.js';

const env = { FERRY_STATE_DIR: mkdtempSync(join(tmpdir(), 'ferry-demo-')) };

afterAll(async () => {
  await ferry(['testbed', 'down'], env).catch(() => undefined);
});

describe('the README commands', () => {
  it('name npm scripts whose files exist', () => {
    const root = projectRoot();
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    for (const name of ['demo', 'test']) {
      expect(readme).toContain(`npm ${name === 'test' ? 'test' : `run ${name}`}`);
      const file = /^bash (\S+)/.exec(scripts[name] ?? '')?.[1];
      expect(file, `npm script "${name}"`).toBeDefined();
      expect(existsSync(join(root, file ?? '')), `${file} exists`).toBe(true);
    }
  });

  it('ferry demo --once converges every example app and prints the dashboard', async () => {
    const { stdout } = await ferry(['demo', '--once', '--timeout', '240'], env);
    expect(stdout).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\/ \(token: ferry_/);
    expect(stdout).toContain('Every example app is Synced and Healthy');
    for (const app of ['my-app-oci', 'my-app', 'platform'])
      expect(stdout).toMatch(new RegExp(`^${app}\\s+Synced\\s+Healthy`, 'm'));
  });
});
