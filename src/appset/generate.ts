/**
 * An ApplicationSet to the Applications it asks for, as Argo CD's GenerateApplications:
 * every generator's parameter sets rendered into its template. Any failure is an
 * AppSetError with Argo CD's reason; the caller then changes nothing.
 */
import type { Application, ApplicationSet, ApplicationSetGenerator } from '../api/argo/index.js';
import { parseGoTemplateOptions } from '../templates/go-template.js';
import { transform } from './generators/transform.js';
import type { GeneratorInputs, TransformResult } from './generators/types.js';
import type { TemplateSyntax } from './interpolate.js';
import { renderApplication, type RenderOptions } from './render.js';

export type AppSetErrorReason =
  'ApplicationGenerationFromParamsError' | 'RenderTemplateParamsError' | 'ApplicationValidationError';

export class AppSetError extends Error {
  constructor(
    readonly reason: AppSetErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppSetError';
  }
}

export function syntaxOf(appSet: ApplicationSet): TemplateSyntax {
  try {
    return {
      goTemplate: Boolean(appSet.spec.goTemplate),
      go: parseGoTemplateOptions(appSet.spec.goTemplateOptions),
    };
  } catch (err) {
    throw new AppSetError('ApplicationValidationError', (err as Error).message, { cause: err });
  }
}

async function paramsOf(
  generator: ApplicationSetGenerator,
  appSet: ApplicationSet,
  inputs: GeneratorInputs,
): Promise<TransformResult[]> {
  try {
    return await transform(generator, { syntax: syntaxOf(appSet), inputs }, appSet.spec.template);
  } catch (err) {
    if (err instanceof AppSetError) throw err;
    throw new AppSetError('ApplicationGenerationFromParamsError', (err as Error).message, { cause: err });
  }
}

function renderAll(result: TransformResult, options: RenderOptions): Application[] {
  return result.params.map((params) => {
    try {
      return renderApplication(result.template, params, options);
    } catch (err) {
      throw new AppSetError('RenderTemplateParamsError', (err as Error).message, { cause: err });
    }
  });
}

export async function generateApplications(
  appSet: ApplicationSet,
  inputs: GeneratorInputs,
): Promise<Application[]> {
  const options: RenderOptions = {
    syntax: syntaxOf(appSet),
    preserveResourcesOnDeletion: appSet.spec.syncPolicy?.preserveResourcesOnDeletion,
    templatePatch: appSet.spec.templatePatch,
    namespace: appSet.metadata.namespace ?? '',
  };
  const apps: Application[] = [];
  for (const generator of appSet.spec.generators ?? []) {
    for (const result of await paramsOf(generator, appSet, inputs)) apps.push(...renderAll(result, options));
  }
  return apps;
}

const DEFAULT_GIT_REQUEUE_SECONDS = 180;

function generatorRequeueSeconds(generator: ApplicationSetGenerator): number | undefined {
  const own = generator.git ? [generator.git.requeueAfterSeconds ?? DEFAULT_GIT_REQUEUE_SECONDS] : [];
  const children = [...(generator.matrix?.generators ?? []), ...(generator.merge?.generators ?? [])];
  const all = [...own, ...children.map(generatorRequeueSeconds)].filter(
    (s): s is number => s !== undefined && s > 0,
  );
  return all.length ? Math.min(...all) : undefined;
}

/** When to generate again without an event: the smallest git requeueAfterSeconds (default 3 min); undefined for none. */
export function requeueAfterMs(appSet: ApplicationSet): number | undefined {
  const seconds = (appSet.spec.generators ?? [])
    .map(generatorRequeueSeconds)
    .filter((s): s is number => s !== undefined);
  return seconds.length ? Math.min(...seconds) * 1000 : undefined;
}
