/**
 * The matrix generator: every parameter set of the first child combined with every one
 * of the second. The second child is templated with each parameter set of the first
 * (so a git generator can read a path named by a list element); when its spec holds no
 * `{{` it is generated once and reused.
 */
import type { MatrixGenerator, ApplicationSetNestedGenerator } from '../../api/argo/index.js';
import { cloneJson, type Params } from '../params.js';
import { combineStringMaps, mergeOverride } from './combine.js';
import { GeneratorError } from './types.js';

/** The parameter sets of one child generator, the child templated with `params` first. */
export type ChildParams = (generator: ApplicationSetNestedGenerator, params: Params) => Promise<Params[]>;

async function second(
  child: ChildParams,
  generator: ApplicationSetNestedGenerator,
  params: Params,
): Promise<Params[]> {
  try {
    return await child(generator, params);
  } catch (err) {
    throw new GeneratorError(
      `failed to get params for second generator in the matrix generator: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

export async function matrixParams(
  matrix: MatrixGenerator,
  goTemplate: boolean,
  child: ChildParams,
): Promise<Params[]> {
  const generators = matrix.generators ?? [];
  if (generators.length < 2)
    throw new GeneratorError('found less than two generators, Matrix support only two');
  if (generators.length > 2)
    throw new GeneratorError('found more than two generators, Matrix support only two');
  const [first, next] = generators as [ApplicationSetNestedGenerator, ApplicationSetNestedGenerator];
  let g0: Params[];
  try {
    g0 = await child(first, {});
  } catch (err) {
    throw new GeneratorError(
      `error failed to get params for first generator in matrix generator: ${(err as Error).message}`,
      { cause: err },
    );
  }
  const reusable = !JSON.stringify(next).includes('{{');
  const reused = reusable && g0.length > 0 ? await second(child, next, g0[0]!) : [];
  const result: Params[] = [];
  for (const a of g0) {
    const g1 = reusable ? cloneJson(reused) : await second(child, next, a);
    for (const b of g1)
      result.push(goTemplate ? mergeOverride(mergeOverride({}, b), a) : combineStringMaps(a, b));
  }
  return result;
}
