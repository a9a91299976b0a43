/**
 * postBuild variable substitution as Flux does it (fluxcd/pkg/envsubst, strict mode, as
 * kustomize-controller ≥ 1.9 runs it): on the YAML of each built object, `${var}` is the
 * variable's value, `${var:=default}` / `${var:-default}` the default when unset or empty,
 * `${var=default}` / `${var-default}` the default when unset, `$$` a literal `$` (so
 * `$${var}` stays `${var}`). A `${var}` with neither value nor default is an error, never an
 * empty string. Objects annotated `kustomize.toolkit.fluxcd.io/substitute: disabled` are
 * left as they are. Bare `$var` is not substituted.
 */
import { parse, stringify } from 'yaml';
import { SUBSTITUTE_ANNOTATION } from '../../../api/flux/index.js';
import type { KubeObject } from '../../../kube/object.js';

export class SubstitutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubstitutionError';
  }
}

const EXPRESSION = /^([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-=])([\s\S]*))?$/;

function evaluate(expr: string, vars: Record<string, string>): string {
  const m = EXPRESSION.exec(expr);
  if (!m) throw new SubstitutionError(`invalid variable expression \${${expr}}`);
  const [, name = '', op, fallback = ''] = m;
  const value = vars[name];
  if (op === undefined) {
    if (value === undefined) throw new SubstitutionError(`variable not set (strict mode): "${name}"`);
    return value;
  }
  const useDefault = op.startsWith(':') ? value === undefined || value === '' : value === undefined;
  return useDefault ? fallback : (value ?? '');
}

/** Substitutes `${…}` expressions in `text`. Throws SubstitutionError on an unset variable or bad syntax. */
export function envsubst(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([^}]*)\}/g, (match, expr: string | undefined) =>
    match === '$$' ? '$' : evaluate(expr ?? '', vars),
  );
}

/** Whether an object opted out of substitution. */
export function substitutionDisabled(obj: KubeObject): boolean {
  return obj.metadata.annotations?.[SUBSTITUTE_ANNOTATION] === 'disabled';
}

/** Every object with its variables substituted (through its YAML form, as Flux does). */
export function substituteObjects(objects: KubeObject[], vars: Record<string, string>): KubeObject[] {
  return objects.map((obj) => {
    if (substitutionDisabled(obj)) return obj;
    try {
      return parse(envsubst(stringify(obj, { lineWidth: 0 }), vars)) as KubeObject;
    } catch (err) {
      const what = `${obj.kind}/${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name ?? ''}`;
      throw new SubstitutionError(`post build failed for '${what}': ${(err as Error).message}`);
    }
  });
}
