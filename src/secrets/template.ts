/**
 * The part of Go text/template (with Sprig functions) that SealedSecret `spec.template.data`
 * uses: text, `{{ .key }}`, `{{ index . "key-with-dashes" }}`, pipelines through a few string
 * functions, comments and `{{-`/`-}}` trimming. Anything else (if, range, variables, other
 * functions) is refused with a clear message rather than rendered differently from Go.
 * Errors name fields and functions, never the decrypted values.
 */
import { TemplateError } from './template-error.js';
import { tokenize, type Operand } from './template-parse.js';

export { TemplateError };

/** A missing map key, as Go sees `.missing`: prints as "<no value>", is nil to `default`. */
const MISSING: unique symbol = Symbol('no value');
type Value = string | number | typeof MISSING | Readonly<Record<string, string>>;
type Fn = (...args: Value[]) => Value;

function str(v: Value | undefined, fn: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v === MISSING) throw new TemplateError(`${fn}: invalid value (a missing key); expected string`);
  throw new TemplateError(`${fn}: expected a string argument`);
}

const trimPrefix = (s: string, p: string): string => (s.startsWith(p) ? s.slice(p.length) : s);
const trimSuffix = (s: string, x: string): string => (x !== '' && s.endsWith(x) ? s.slice(0, -x.length) : s);

const functions: Record<string, Fn> = {
  index: (m, k) => {
    if (typeof m !== 'object' || m === null) throw new TemplateError('index: can only index the data map');
    return m[str(k, 'index')] ?? '';
  },
  print: (...args) => args.map((a) => str(a, 'print')).join(''),
  len: (v) => (typeof v === 'object' ? Object.keys(v).length : str(v, 'len').length),
  upper: (v) => str(v, 'upper').toUpperCase(),
  lower: (v) => str(v, 'lower').toLowerCase(),
  trim: (v) => str(v, 'trim').trim(),
  trimPrefix: (prefix, v) => trimPrefix(str(v, 'trimPrefix'), str(prefix, 'trimPrefix')),
  trimSuffix: (suffix, v) => trimSuffix(str(v, 'trimSuffix'), str(suffix, 'trimSuffix')),
  replace: (from, to, v) => str(v, 'replace').split(str(from, 'replace')).join(str(to, 'replace')),
  b64enc: (v) => Buffer.from(str(v, 'b64enc'), 'utf8').toString('base64'),
  b64dec: (v) => Buffer.from(str(v, 'b64dec'), 'base64').toString('utf8'),
  quote: (v) => JSON.stringify(str(v, 'quote')),
  squote: (v) => `'${str(v, 'squote')}'`,
  default: (d, v) => (v === '' || v === undefined || v === MISSING ? d : v),
};

export const SUPPORTED_TEMPLATE_FUNCTIONS = Object.keys(functions);

function operandValue(op: Operand, data: Readonly<Record<string, string>>): Value {
  if (op.kind === 'dot') return data;
  if (op.kind === 'field') return data[op.name] ?? MISSING;
  if (op.kind === 'string') return op.value;
  if (op.kind === 'number') return op.value;
  throw new TemplateError(`function "${op.name}" used as an argument; only literals and fields may be`);
}

function runCommand(
  command: Operand[],
  data: Readonly<Record<string, string>>,
  piped: Value | undefined,
): Value {
  const [head, ...rest] = command;
  if (head?.kind !== 'ident') {
    if (rest.length > 0 || piped !== undefined) throw new TemplateError('only a function can take arguments');
    return operandValue(head!, data);
  }
  const fn = functions[head.name];
  if (!fn)
    throw new TemplateError(
      `function "${head.name}" is not supported (supported: ${SUPPORTED_TEMPLATE_FUNCTIONS.join(', ')})`,
    );
  const args: Value[] = rest.map((op) => operandValue(op, data));
  if (piped !== undefined) args.push(piped);
  return fn(...args);
}

/** Renders `template` over the decrypted `data`. Throws TemplateError. */
export function renderTemplate(template: string, data: Readonly<Record<string, string>>): string {
  let out = '';
  for (const token of tokenize(template)) {
    if (token.kind === 'text') {
      out += token.text;
      continue;
    }
    let value: Value | undefined;
    for (const command of token.pipeline) value = runCommand(command, data, value);
    if (typeof value === 'object') throw new TemplateError('cannot print the whole data map; use .key');
    out += value === MISSING ? '<no value>' : String(value ?? '');
  }
  return out;
}
