/**
 * The 'desired-subset' comparison, for a raw manifest against a live object full of
 * server defaults: only what desired sets counts.
 * - Map keys only in live are ignored (defaults, fields set by controllers).
 * - `null`, `{}` and `[]` in desired equal a missing, null or empty live value.
 * - Lists: when every element on both sides is a map with a unique string `name`
 *   (containers, env, ports, volumes...) elements are matched by name, order ignored;
 *   otherwise by index. Either way, live elements desired does not have are changes
 *   ('removed'): list length is something desired states.
 * Alongside the changes it returns live cut down to desired's shape (the "projection"),
 * so a rendered diff shows only what the changes report. Pointers of 'added'/'changed'
 * point into desired; pointers of 'removed' point into the projection.
 */
import { childPointer } from './json-pointer.js';
import type { FieldChange } from './types.js';
import { deepEqual, isEmptyContainer, isPlainObject, sortedKeys, type JsonObject } from './values.js';

type Named = JsonObject & { name: string };

function noConstraint(value: unknown): boolean {
  return value === null || isEmptyContainer(value);
}

function isNamedList(list: unknown[]): list is Named[] {
  const names = list.map((item) =>
    isPlainObject(item) && typeof item.name === 'string' ? item.name : undefined,
  );
  return !names.includes(undefined) && new Set(names).size === names.length;
}

function byName(desired: Named[], live: Named[], pointer: string, out: FieldChange[]): unknown[] {
  const liveIndex = new Map(live.map((item, i) => [item.name, i]));
  const projected: unknown[] = [];
  const matched = new Set<number>();
  desired.forEach((item, i) => {
    const at = liveIndex.get(item.name);
    if (at === undefined) out.push({ path: childPointer(pointer, i), kind: 'added', desired: item });
    else {
      matched.add(at);
      projected.push(walk(item, live[at], childPointer(pointer, i), out));
    }
  });
  live.forEach((item, i) => {
    if (matched.has(i)) return;
    out.push({ path: childPointer(pointer, projected.length), kind: 'removed', live: item });
    projected.push(item);
  });
  return projected;
}

function byIndex(desired: unknown[], live: unknown[], pointer: string, out: FieldChange[]): unknown[] {
  const projected: unknown[] = [];
  desired.forEach((item, i) => {
    const value = walk(item, live[i], childPointer(pointer, i), out);
    if (value !== undefined) projected.push(value);
  });
  for (let i = desired.length; i < live.length; i += 1) {
    out.push({ path: childPointer(pointer, i), kind: 'removed', live: live[i] });
    projected.push(live[i]);
  }
  return projected;
}

function walkObject(desired: JsonObject, live: JsonObject, pointer: string, out: FieldChange[]): JsonObject {
  const projected: JsonObject = {};
  for (const key of sortedKeys(desired)) {
    const value = walk(desired[key], live[key], childPointer(pointer, key), out);
    if (value !== undefined) projected[key] = value;
  }
  return projected;
}

/** Returns the projection of `live` (undefined = absent) and appends changes to `out`. */
function walk(desired: unknown, live: unknown, pointer: string, out: FieldChange[]): unknown {
  if (noConstraint(desired) && (live === undefined || noConstraint(live))) return desired;
  if (live === undefined) {
    out.push({ path: pointer, kind: 'added', desired });
    return undefined;
  }
  if (isPlainObject(desired) && isPlainObject(live)) return walkObject(desired, live, pointer, out);
  if (Array.isArray(desired) && Array.isArray(live)) return walkList(desired, live, pointer, out);
  if (!deepEqual(desired, live)) out.push({ path: pointer, kind: 'changed', desired, live });
  return live;
}

function walkList(desired: unknown[], live: unknown[], pointer: string, out: FieldChange[]): unknown[] {
  if (desired.length > 0 && isNamedList(desired) && isNamedList(live))
    return byName(desired, live, pointer, out);
  return byIndex(desired, live, pointer, out);
}

export function compareSubset(
  desired: JsonObject,
  live: JsonObject,
): { changes: FieldChange[]; live: JsonObject } {
  const changes: FieldChange[] = [];
  return { changes, live: walkObject(desired, live, '', changes) };
}
