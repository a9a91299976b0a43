/**
 * One entry of spec.generators (or a child of matrix/merge) to parameter sets, as Argo
 * CD's generators.Transform: template the generator with the parent's parameters (matrix),
 * run every generator kind it names, keep the sets its post selector matches, and pair
 * them with the generator's template merged over the ApplicationSet's.
 */
import type { ApplicationSetGenerator, ApplicationSetTemplate } from '../../api/argo/index.js';
import { interpolateGenerator } from '../interpolate.js';
import { flattenParams, isPlainObject, type Params } from '../params.js';
import { compileSelector, SelectorError } from '../selector.js';
import { clusterGeneratorParams } from './clusters.js';
import { gitGeneratorParams } from './git.js';
import { listParams } from './list.js';
import { matrixParams, type ChildParams } from './matrix.js';
import { mergeParams } from './merge.js';
import { GeneratorError, type GenerateContext, type TransformResult } from './types.js';

/** Argo CD's field order of ApplicationSetGenerator. */
const KINDS = [
  'list',
  'clusters',
  'git',
  'scmProvider',
  'clusterDecisionResource',
  'pullRequest',
  'matrix',
  'merge',
  'plugin',
  'oci',
] as const;
type Kind = (typeof KINDS)[number];

const isZero = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || v === false || v === 0 || (Array.isArray(v) && v.length === 0);

/** mergo.Merge without override: fields empty in `dst` are taken from `src`. */
export function fillEmpty(dst: unknown, src: unknown): unknown {
  if (!isPlainObject(dst) || !isPlainObject(src)) return isZero(dst) && src !== undefined ? src : dst;
  const out: Record<string, unknown> = { ...src, ...dst };
  for (const key of Object.keys(dst)) if (key in src) out[key] = fillEmpty(dst[key], src[key]);
  return out;
}

async function paramsOf(
  kind: Kind,
  generator: ApplicationSetGenerator,
  ctx: GenerateContext,
): Promise<Params[]> {
  const child: ChildParams = async (g, parent) => {
    let results: TransformResult[];
    try {
      results = await transform(g, ctx, {}, parent);
    } catch (err) {
      throw new GeneratorError(
        `child generator returned an error on parameter generation: ${(err as Error).message}`,
        { cause: err },
      );
    }
    if (results.length === 0) throw new GeneratorError('child generator generated no parameters');
    if (results.length > 1) throw new GeneratorError('found more than one generator in matrix.Generators');
    return results[0]!.params;
  };
  switch (kind) {
    case 'list':
      return listParams(generator.list ?? {}, ctx.syntax.goTemplate);
    case 'clusters':
      return clusterGeneratorParams(generator.clusters ?? {}, await ctx.inputs.clusters(), ctx.syntax);
    case 'git':
      return gitGeneratorParams(generator.git!, ctx.inputs, ctx.syntax);
    case 'matrix':
      return matrixParams(generator.matrix!, ctx.syntax.goTemplate, child);
    case 'merge':
      return mergeParams(generator.merge!, ctx.syntax.goTemplate, child);
    default:
      throw new GeneratorError(`the ${kind} generator is not supported by Ferry yet`);
  }
}

function selectorOf(generator: ApplicationSetGenerator): ((params: Params) => boolean) | undefined {
  if (!generator.selector) return undefined;
  try {
    const matches = compileSelector(generator.selector);
    return (params) => matches(flattenParams(params));
  } catch (err) {
    if (err instanceof SelectorError)
      throw new GeneratorError(`error parsing label selector: ${err.message}`, { cause: err });
    throw err;
  }
}

export async function transform(
  generator: ApplicationSetGenerator,
  ctx: GenerateContext,
  baseTemplate: Partial<ApplicationSetTemplate>,
  parentParams: Params = {},
): Promise<TransformResult[]> {
  const selector = selectorOf(generator);
  const interpolated = interpolateGenerator(generator, parentParams, ctx.syntax);
  const results: TransformResult[] = [];
  for (const kind of KINDS.filter((k) => generator[k] !== undefined && generator[k] !== null)) {
    const own = (generator[kind] as { template?: Partial<ApplicationSetTemplate> }).template;
    const template = fillEmpty(own ?? {}, baseTemplate) as Partial<ApplicationSetTemplate>;
    const params = await paramsOf(kind, interpolated, ctx);
    results.push({ params: selector ? params.filter(selector) : params, template });
  }
  return results;
}
