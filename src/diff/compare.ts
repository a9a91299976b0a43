/**
 * Full comparison of two normalized objects: every field on either side counts. Maps
 * are compared key by key, lists index by index (order matters), anything else by value.
 * Use it when desired is the server-side-apply dry-run result, which already carries
 * the defaults the server would add.
 */
import { childPointer } from './json-pointer.js';
import type { FieldChange } from './types.js';
import { deepEqual, isPlainObject } from './values.js';

function compareLists(desired: unknown[], live: unknown[], pointer: string, out: FieldChange[]): void {
  const length = Math.max(desired.length, live.length);
  for (let i = 0; i < length; i += 1) {
    const path = childPointer(pointer, i);
    if (i >= live.length) out.push({ path, kind: 'added', desired: desired[i] });
    else if (i >= desired.length) out.push({ path, kind: 'removed', live: live[i] });
    else compareFull(desired[i], live[i], path, out);
  }
}

/** Appends the differences under `pointer` to `out` and returns it. */
export function compareFull(
  desired: unknown,
  live: unknown,
  pointer = '',
  out: FieldChange[] = [],
): FieldChange[] {
  if (isPlainObject(desired) && isPlainObject(live)) {
    const keys = [...new Set([...Object.keys(desired), ...Object.keys(live)])].sort();
    for (const key of keys) {
      const path = childPointer(pointer, key);
      if (!Object.hasOwn(live, key)) out.push({ path, kind: 'added', desired: desired[key] });
      else if (!Object.hasOwn(desired, key)) out.push({ path, kind: 'removed', live: live[key] });
      else compareFull(desired[key], live[key], path, out);
    }
  } else if (Array.isArray(desired) && Array.isArray(live)) {
    compareLists(desired, live, pointer, out);
  } else if (!deepEqual(desired, live)) {
    out.push({ path: pointer, kind: 'changed', desired, live });
  }
  return out;
}
