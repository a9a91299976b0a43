/**
 * One parameter set and a template to one Application, as Argo CD's RenderTemplateParams
 * and templatePatch: every string of the template's metadata and spec templated, the
 * resources finalizer added unless the ApplicationSet preserves resources on deletion,
 * then the templated templatePatch merged in (maps merged, lists replaced, finalizers
 * added to, the project kept).
 */
import { parse } from 'yaml';
import type { Application, ApplicationSetTemplate } from '../api/argo/index.js';
import { ARGO_API_VERSION } from '../api/argo/index.js';
import { replaceDeep, replaceString, type TemplateSyntax } from './interpolate.js';
import { cloneJson, isPlainObject, type Params } from './params.js';

export const resourcesFinalizer = 'resources-finalizer.argocd.argoproj.io';

export interface RenderOptions {
  syntax: TemplateSyntax;
  preserveResourcesOnDeletion?: boolean;
  templatePatch?: string;
  /** The ApplicationSet's namespace: generated Applications always live there. */
  namespace: string;
}

function templateApplication(template: Partial<ApplicationSetTemplate>): Application {
  const meta = template.metadata ?? {};
  const metadata: Record<string, unknown> = {};
  for (const key of ['name', 'namespace', 'labels', 'annotations', 'finalizers'] as const)
    if (meta[key] !== undefined && meta[key] !== null) metadata[key] = cloneJson(meta[key]);
  return {
    apiVersion: ARGO_API_VERSION,
    kind: 'Application',
    metadata: metadata,
    spec: cloneJson(template.spec ?? ({} as Application['spec'])),
  };
}

/** RFC 7386 merge, except that metadata.finalizers are added to (strategic merge of a list of strings). */
function mergePatch(target: unknown, patch: unknown, path = ''): unknown {
  if (!isPlainObject(patch)) {
    if (path === 'metadata.finalizers' && Array.isArray(patch) && Array.isArray(target))
      return [...new Set<unknown>([...(target as unknown[]), ...(patch as unknown[])])];
    return patch;
  }
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value, path === '' ? key : `${path}.${key}`);
  }
  return out;
}

export function applyTemplatePatch(app: Application, patchText: string): Application {
  let patch: unknown;
  try {
    patch = parse(patchText, { version: '1.1' });
  } catch (err) {
    throw new Error(
      `error while converting template to json ${JSON.stringify(patchText)}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  if (patch === null || patch === undefined) return app;
  if (!isPlainObject(patch))
    throw new Error(`invalid templatePatch ${JSON.stringify(patchText)}: not an object`);
  const patched = mergePatch(app, patch) as Application;
  return { ...patched, spec: { ...patched.spec, project: app.spec.project } };
}

export function renderApplication(
  template: Partial<ApplicationSetTemplate>,
  params: Params,
  options: RenderOptions,
): Application {
  const base = templateApplication(template);
  let app = base;
  if (Object.keys(params).length > 0) {
    app = {
      ...base,
      metadata: replaceDeep(base.metadata, params, options.syntax),
      spec: replaceDeep(base.spec, params, options.syntax),
    };
    if (!options.preserveResourcesOnDeletion && !app.metadata.finalizers?.length)
      app.metadata = { ...app.metadata, finalizers: [resourcesFinalizer] };
  }
  if (options.templatePatch !== undefined) {
    let text: string;
    try {
      text = replaceString(options.templatePatch, params, options.syntax);
    } catch (err) {
      throw new Error(`error replacing values in templatePatch: ${(err as Error).message}`, { cause: err });
    }
    app = applyTemplatePatch(app, text);
  }
  return { ...app, metadata: { ...app.metadata, namespace: options.namespace } };
}
