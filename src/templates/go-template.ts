/**
 * Go templates, rendered by the real Go text/template and Sprig (compiled to
 * WebAssembly, see go-engine.ts), so every template behaves as it does in Argo CD and
 * Flux. Data crosses as JSON: numbers arrive in Go as float64, as they do when Argo CD
 * decodes generator parameters.
 *
 *   renderGoTemplate('{{ .name | upper }}', { name: 'dev' }, { missingKey: 'error' }) // 'DEV'
 */
import { callEngine } from './go-runtime.js';

export type MissingKey = 'default' | 'invalid' | 'zero' | 'error';

export interface GoTemplateOptions {
  /** text/template's missingkey option; default 'default' ("<no value>"). */
  missingKey?: MissingKey;
  /**
   * 'argocd' (default): Sprig without env/expandenv/getHostByName, plus normalize,
   * slugify, toYaml, fromYaml, fromYamlArray and tpl, as Argo CD's ApplicationSets.
   * 'sprig': Sprig without env/expandenv/getHostByName.
   */
  funcs?: 'argocd' | 'sprig';
}

/** A template that does not parse or fails while executing; `message` is Go's error, prefixed like Argo CD's. */
export class GoTemplateError extends Error {
  constructor(
    message: string,
    readonly template: string,
    readonly phase: 'parse' | 'execute',
    /** The Go engine's own message, e.g. `template: base:1:3: executing "base" at <.x>: map has no entry for key "x"`. */
    readonly goError: string,
  ) {
    super(message);
    this.name = 'GoTemplateError';
  }
}

/** Options as Argo CD's goTemplateOptions list writes them (`missingkey=error`). */
export function parseGoTemplateOptions(options: readonly string[] = []): GoTemplateOptions {
  const result: GoTemplateOptions = {};
  for (const option of options) {
    const m = /^missingkey=(default|invalid|zero|error)$/.exec(option);
    if (!m) throw new Error(`unsupported goTemplateOptions entry "${option}" (only missingkey=default|invalid|zero|error)`);
    result.missingKey = m[1] as MissingKey;
  }
  return result;
}

/** Renders `template` with `data`; throws GoTemplateError on parse or execution errors. */
export function renderGoTemplate(template: string, data: unknown, options: GoTemplateOptions = {}): string {
  const response = callEngine({
    template,
    data: data ?? null,
    options: options.missingKey ? [`missingkey=${options.missingKey}`] : [],
    funcs: options.funcs ?? 'argocd',
    name: 'base',
  });
  if (response.error === undefined) return response.output;
  if (response.phase === 'parse')
    throw new GoTemplateError(
      `failed to parse template ${template}: ${response.error}`,
      template,
      'parse',
      response.error,
    );
  if (response.phase === 'execute')
    throw new GoTemplateError(
      `failed to execute go template ${template}: ${response.error}`,
      template,
      'execute',
      response.error,
    );
  throw new Error(`the Go template engine rejected the request: ${response.error}`);
}
