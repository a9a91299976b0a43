/**
 * Small helpers over plain JSON values, shared by every file of the diff module.
 * A "path" is a list of concrete steps into a document: object keys and array indices.
 */
export type JsonObject = Record<string, unknown>;
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for `{}` and `[]`: containers with nothing in them. */
export function isEmptyContainer(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/** Structural equality of JSON values; key order does not matter, array order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

/**
 * A deep copy that is plain JSON: drops `undefined` members and functions, so a key
 * set to `undefined` counts as missing everywhere in this module.
 */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Sorted own keys, so changes and renders come out in a stable order. */
export function sortedKeys(obj: JsonObject): string[] {
  return Object.keys(obj).sort();
}
