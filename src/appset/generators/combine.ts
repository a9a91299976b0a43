/**
 * Combining two parameter sets, as matrix and merge do in Argo CD: with goTemplate a deep
 * merge where the overriding side wins unless its value is empty (mergo.WithOverride);
 * without, flat string maps where a key both sides hold must agree (CombineStringMaps).
 */
import { goString, isPlainObject, type Params } from '../params.js';
import { GeneratorError } from './types.js';

/** mergo's isEmptyValue for JSON data. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/** `src` over `dst`, deeply; empty values of `src` never replace a value of `dst`. */
export function mergeOverride(dst: Params, src: Params): Params {
  const out: Params = { ...dst };
  for (const [key, value] of Object.entries(src)) {
    const current = out[key];
    if (isPlainObject(current) && isPlainObject(value)) out[key] = mergeOverride(current, value);
    else if (!isEmpty(value) || !(key in out)) out[key] = value;
  }
  return out;
}

export function combineStringMaps(a: Params, b: Params): Params {
  const res: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) res[k] = goString(v);
  for (const [k, v] of Object.entries(b)) {
    const value = goString(v);
    if (k in res && res[k] !== value)
      throw new GeneratorError(`found duplicate key ${k} with different value, a: ${res[k]} ,b: ${value}`);
    res[k] = value;
  }
  return res;
}
