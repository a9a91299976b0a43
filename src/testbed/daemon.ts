/**
 * `ferry testbed up` runs the bed in a detached process (`ferry testbed serve`) and
 * talks to it through files in its state folder: endpoints.json once it is ready,
 * serve.log for what it said. `down` sends SIGTERM; the serve process stops the bed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../util/paths.js';
import { describeTestbed, type TestbedEndpoints } from './endpoints.js';
import { startTestbed, type TestbedOptions } from './testbed.js';

export function testbedStateDir(): string {
  return join(stateDir(), 'testbed');
}

const endpointsFile = (dir: string): string => join(dir, 'endpoints.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The running bed's endpoints, or undefined when none runs. */
export function readRunningTestbed(dir = testbedStateDir()): TestbedEndpoints | undefined {
  const file = endpointsFile(dir);
  if (!existsSync(file)) return undefined;
  const endpoints = JSON.parse(readFileSync(file, 'utf8')) as TestbedEndpoints;
  return alive(endpoints.pid) ? endpoints : undefined;
}

/** Starts `ferry testbed serve` in the background and waits for its endpoints. */
export async function startDetachedTestbed(
  cliArgs: string[],
  dir = testbedStateDir(),
  onWait: (lastLogLine: string) => void = () => undefined,
): Promise<TestbedEndpoints> {
  const running = readRunningTestbed(dir);
  if (running) return running;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const log = openSync(join(dir, 'serve.log'), 'a');
  const child = spawn(process.execPath, [process.argv[1]!, 'testbed', 'serve', '--dir', dir, ...cliArgs], {
    detached: true,
    stdio: ['ignore', log, log],
  });
  child.unref();
  for (;;) {
    const endpoints = readRunningTestbed(dir);
    if (endpoints) return endpoints;
    if (child.exitCode !== null || (child.pid !== undefined && !alive(child.pid))) {
      throw new Error(
        `the test bed failed to start:\n${readFileSync(join(dir, 'serve.log'), 'utf8').slice(-4000)}`,
      );
    }
    onWait(lastLine(join(dir, 'serve.log')));
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Runs in the detached process: start, publish endpoints, stop on SIGTERM/SIGINT. */
export async function serveTestbed(dir: string, options: TestbedOptions): Promise<void> {
  const bed = await startTestbed({ ...options, dir, progress: (m) => console.log(`[testbed] ${m}`) });
  writeFileSync(endpointsFile(dir), JSON.stringify(describeTestbed(bed), null, 2), { mode: 0o600 });
  console.log('[testbed] ready');
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  rmSync(endpointsFile(dir), { force: true });
  await bed.stop();
  console.log('[testbed] stopped');
}

export async function stopDetachedTestbed(dir = testbedStateDir()): Promise<boolean> {
  const running = readRunningTestbed(dir);
  if (!running) return false;
  process.kill(running.pid, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  while (alive(running.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(running.pid)) process.kill(running.pid, 'SIGKILL');
  return true;
}

function lastLine(file: string): string {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return (lines.at(-1) ?? '').replace(/^\[testbed\] /, '') || 'starting the test bed';
}
