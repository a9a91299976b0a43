/** Where Ferry keeps files outside the repository: caches and local state. */
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

/** Build and download caches; safe to delete, rebuilt on demand. */
export function cacheDir(): string {
  return (
    process.env.FERRY_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ferry')
  );
}

/** Local state of long-running things the CLI starts (the test bed, the demo). */
export function stateDir(): string {
  return process.env.FERRY_STATE_DIR ?? join(homedir(), '.ferry');
}

/** The repository (or installed package) root: the folder holding package.json. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = resolve(dir, '..');
    if (parent === dir)
      throw new Error('cannot find the Ferry project root (no package.json above this file)');
    dir = parent;
  }
  return dir;
}
