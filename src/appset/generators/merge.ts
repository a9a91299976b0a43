/**
 * The merge generator: the first child's parameter sets are the base; a set of a later
 * child with the same values for every merge key overrides the base set's parameters.
 * Sets only later children have are dropped. Keys must be unique within each child.
 */
import type { MergeGenerator } from '../../api/argo/index.js';
import type { Params } from '../params.js';
import { mergeOverride } from './combine.js';
import type { ChildParams } from './matrix.js';
import { GeneratorError } from './types.js';

function byMergeKey(mergeKeys: readonly string[], sets: readonly Params[]): Map<string, Params> {
  if (mergeKeys.length === 0)
    throw new GeneratorError('no merge keys were specified, Merge requires at least one');
  const keys = [...new Set(mergeKeys)].sort();
  const out = new Map<string, Params>();
  for (const set of sets) {
    const key = JSON.stringify(Object.fromEntries(keys.map((k) => [k, set[k] ?? null])));
    if (out.has(key))
      throw new GeneratorError(
        `error getting param sets by merge key: the parameters from a generator were not unique by the given mergeKeys, Merge requires all param sets to be unique. Duplicate key was ${key}`,
      );
    out.set(key, set);
  }
  return out;
}

export async function mergeParams(
  merge: MergeGenerator,
  goTemplate: boolean,
  child: ChildParams,
): Promise<Params[]> {
  const generators = merge.generators ?? [];
  if (generators.length < 2)
    throw new GeneratorError('found less than two generators, Merge requires two or more');
  const all: Params[][] = [];
  for (const [i, g] of generators.entries()) {
    try {
      all.push(await child(g, {}));
    } catch (err) {
      throw new GeneratorError(
        `error getting param sets from generators: error getting params from generator ${i + 1} of ${generators.length}: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }
  const base = byMergeKey(merge.mergeKeys ?? [], all[0] ?? []);
  for (const sets of all.slice(1)) {
    const overrides = byMergeKey(merge.mergeKeys ?? [], sets);
    for (const [key, set] of base) {
      const override = overrides.get(key);
      if (override) base.set(key, goTemplate ? mergeOverride(set, override) : { ...set, ...override });
    }
  }
  return [...base.values()];
}
