/**
 * Counts the helm programs Ferry runs: a tiny wrapper script given to the controller
 * as FERRY_HELM appends each subcommand to a file, then runs the real helm. Renders
 * executed = `template` lines; nothing in Ferry changes.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toolPath } from '../../src/testbed/tools.js';

export interface HelmCounter {
  /** The wrapper to pass as FERRY_HELM. */
  wrapper: string;
  /** helm subcommands run so far, by name (template, pull, version, …). */
  counts(): Record<string, number>;
}

export function helmCounter(dir: string): HelmCounter {
  const log = join(dir, 'helm-calls.log');
  const wrapper = join(dir, 'helm-counting');
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(wrapper, `#!/bin/sh\necho "$1" >> ${quote(log)}\nexec ${quote(toolPath('helm'))} "$@"\n`);
  chmodSync(wrapper, 0o755);
  writeFileSync(log, '');
  return {
    wrapper,
    counts: () => {
      const counts: Record<string, number> = {};
      if (!existsSync(log)) return counts;
      for (const line of readFileSync(log, 'utf8').split('\n')) {
        if (line) counts[line] = (counts[line] ?? 0) + 1;
      }
      return counts;
    },
  };
}

/** `after − before` for one subcommand. */
export function helmCallsBetween(
  before: Record<string, number>,
  after: Record<string, number>,
  sub: string,
): number {
  return (after[sub] ?? 0) - (before[sub] ?? 0);
}
