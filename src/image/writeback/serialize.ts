/**
 * One write-back at a time per repository and branch, within this process: runs for the
 * same key wait for each other (in order), runs for other keys go ahead.
 */
import { normalizeForCache } from '../../sources/git/index.js';

const tails = new Map<string, Promise<unknown>>();

export function writeBackKey(url: string, branch: string): string {
  return `${normalizeForCache(url)}#${branch}`;
}

export async function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(work);
  const tail = mine.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await mine;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
