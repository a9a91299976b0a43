/**
 * Templating strings and whole JSON values with one parameter set, in either syntax:
 * the default fasttemplate (`{{ env }}`) or Go templates (`goTemplate: true`), exactly
 * as Argo CD's Render.Replace and deeplyReplace do: every string value and every map key
 * is a template of its own; numbers and booleans are never templated.
 */
import type { ApplicationSetGenerator } from '../api/argo/index.js';
import { renderFastTemplate } from '../templates/fasttemplate.js';
import { renderGoTemplate, type GoTemplateOptions } from '../templates/go-template.js';
import { isPlainObject, type Params } from './params.js';

export interface TemplateSyntax {
  goTemplate: boolean;
  go: GoTemplateOptions;
}

export const fastSyntax: TemplateSyntax = { goTemplate: false, go: {} };

/** One string, templated; text without `{{` is returned as it is in both syntaxes. */
export function replaceString(text: string, params: Params, syntax: TemplateSyntax): string {
  if (!text.includes('{{')) return text;
  return syntax.goTemplate ? renderGoTemplate(text, params, syntax.go) : renderFastTemplate(text, params);
}

/** Every string and map key in `value`, templated; the input is not changed. */
export function replaceDeep<T>(value: T, params: Params, syntax: TemplateSyntax): T {
  if (typeof value === 'string') return replaceString(value, params, syntax) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => replaceDeep(v, params, syntax)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    out[replaceString(key, params, syntax)] = replaceDeep(v, params, syntax);
  }
  return out as T;
}

const MISSING_KEY = /map has no entry for key|can't evaluate field/;

/** Generators whose `values` map is pre-resolved with missingkey=error (Argo CD's filteredGeneratorTypes). */
const WITH_VALUES = ['clusters', 'git', 'clusterDecisionResource', 'plugin', 'oci'] as const;

function preResolveValues(
  values: Record<string, string>,
  params: Params,
  syntax: TemplateSyntax,
): Record<string, string> {
  const strict: TemplateSyntax = syntax.goTemplate
    ? { ...syntax, go: { ...syntax.go, missingKey: 'error' } }
    : syntax;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    try {
      out[key] = replaceString(value, params, strict);
    } catch (err) {
      // A key the parent does not have may be the child's own: leave it for the child.
      if (!MISSING_KEY.test((err as Error).message))
        throw new Error(`failed to pre-resolve Values key "${key}": ${(err as Error).message}`, {
          cause: err,
        });
      out[key] = value;
    }
  }
  return out;
}

/**
 * A child generator of a matrix templated with the first child's parameters
 * (Argo CD's RenderGeneratorParams): every string of the spec, with the `values` of
 * generators that have them resolved where the parent's parameters allow.
 */
export function interpolateGenerator(
  generator: ApplicationSetGenerator,
  params: Params,
  syntax: TemplateSyntax,
): ApplicationSetGenerator {
  if (Object.keys(params).length === 0) return generator;
  const source = generator as Record<string, unknown>;
  const valuesOf = (kind: string): unknown => (isPlainObject(source[kind]) ? source[kind].values : undefined);
  // `values` are resolved on their own (below), not with the rest of the spec.
  const stripped = Object.fromEntries(
    Object.entries(source).map(([kind, spec]) =>
      (WITH_VALUES as readonly string[]).includes(kind) && isPlainObject(spec)
        ? [kind, { ...spec, values: undefined }]
        : [kind, spec],
    ),
  );
  const out = replaceDeep(stripped, params, syntax);
  for (const kind of WITH_VALUES) {
    const values = valuesOf(kind);
    if (isPlainObject(values) && isPlainObject(out[kind]))
      out[kind].values = preResolveValues(values as Record<string, string>, params, syntax);
  }
  return out;
}

/** Argo CD's appendTemplatedValues: `values.<key>` (or `.values.<key>`) from a generator's values map. */
export function appendValues(
  params: Params,
  values: Record<string, string> | undefined,
  syntax: TemplateSyntax,
): Params {
  if (!values || Object.keys(values).length === 0) return params;
  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    try {
      resolved[key] = replaceString(value, params, syntax);
    } catch (err) {
      throw new Error(`failed to replace templated string: ${(err as Error).message}`, { cause: err });
    }
  }
  if (syntax.goTemplate) return { ...params, values: resolved };
  const flat = Object.fromEntries(Object.entries(resolved).map(([k, v]) => [`values.${k}`, v]));
  return { ...params, ...flat };
}
