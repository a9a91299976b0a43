/** Runs the built `ferry` CLI (dist/) the way a user does. */
import { join } from 'node:path';
import { projectRoot } from '../../src/util/paths.js';
import { run, type RunResult } from '../../src/util/exec.js';

export const cliPath = join(projectRoot(), 'dist', 'src', 'cli', 'main.js');

export function ferry(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env } });
}
