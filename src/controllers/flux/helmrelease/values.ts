/**
 * The values of a HelmRelease, composed as Flux composes them (fluxcd/pkg chartutil):
 *
 *   chart defaults  <  valuesFrom (list order)  <  spec.values  <  valuesFrom with targetPath
 *
 * Chart defaults are merged by helm itself; this module produces the user values handed to
 * helm as one file. A missing ConfigMap/Secret or key is an error unless `optional`. Merging
 * is helm's: maps merge key by key, anything else replaces.
 *
 * Difference from Flux: Flux applies targetPath entries in list order among the others (a
 * later whole-document entry can overwrite them); here every targetPath entry comes last,
 * so a targetPath always wins, as Flux's documentation describes it.
 */
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import type { ValuesReference } from '../../../api/flux/index.js';
import { stableJson } from '../../../render/cache.js';
import { isMap, setPath, type Values } from './strvals.js';

/** A values reference and what was found for it. */
export type LoadedReference =
  | { ref: ValuesReference; found: false }
  | { ref: ValuesReference; found: true; data: Record<string, string> };

/** Flux's ErrValuesReference, worded the same way. */
export class ValuesReferenceError extends Error {
  constructor(namespace: string, ref: ValuesReference, reason: string) {
    const key = ref.valuesKey || 'values.yaml';
    super(
      `could not resolve${ref.optional ? ' optional' : ''} ${ref.kind} chart values reference '${namespace}/${ref.name}' with key '${key}': ${reason}`,
    );
    this.name = 'ValuesReferenceError';
  }
}

/** helm's MergeMaps: `b` over `a`; nested maps merge, everything else replaces. */
export function mergeValues(a: Values, b: Values): Values {
  const out: Values = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const current = out[key];
    out[key] = isMap(value) && isMap(current) ? mergeValues(current, value) : value;
  }
  return out;
}

function readDocument(namespace: string, ref: ValuesReference, text: string): Values {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new ValuesReferenceError(
      namespace,
      ref,
      `failed to read values data: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  if (doc === null || doc === undefined) return {};
  if (!isMap(doc))
    throw new ValuesReferenceError(namespace, ref, 'failed to read values data: not a YAML map');
  return doc;
}

/** The user values of a release: every reference and the inline values, in Flux's order. */
export function composeValues(
  namespace: string,
  inline: Values | undefined,
  loaded: LoadedReference[],
): Values {
  let result: Values = {};
  const targeted: Array<{ ref: ValuesReference; value: string }> = [];
  for (const item of loaded) {
    const { ref } = item;
    if (!item.found) {
      if (ref.optional) continue;
      throw new ValuesReferenceError(namespace, ref, 'resource not found');
    }
    const text = item.data[ref.valuesKey || 'values.yaml'];
    if (text === undefined) {
      if (ref.optional) continue;
      throw new ValuesReferenceError(namespace, ref, 'key not found');
    }
    if (ref.targetPath) targeted.push({ ref, value: text });
    else result = mergeValues(result, readDocument(namespace, ref, text));
  }
  result = mergeValues(result, structuredClone(inline ?? {}));
  for (const { ref, value } of targeted) {
    try {
      setPath(result, ref.targetPath!, value.trim());
    } catch (err) {
      throw new ValuesReferenceError(namespace, ref, `failed to merge value: ${(err as Error).message}`);
    }
  }
  return result;
}

/** `sha256:` of the values in canonical JSON (sorted keys); empty values digest as nothing. */
export function valuesDigest(values: Values | null | undefined): string {
  const canonical = values && Object.keys(values).length > 0 ? stableJson(values) : '';
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}
