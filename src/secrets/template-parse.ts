/**
 * Splits a Go template into text and actions, and each action into a pipeline of commands,
 * for the subset template.ts runs. Unsupported syntax is refused here, with what it was.
 */
import { TemplateError } from './template-error.js';

export type Operand =
  | { kind: 'dot' }
  | { kind: 'field'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'ident'; name: string };

export type Token = { kind: 'text'; text: string } | { kind: 'action'; pipeline: Operand[][] };

const KEYWORDS = new Set([
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
]);
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;

function readOperand(src: string): { operand: Operand | '|'; rest: string } {
  const c = src[0]!;
  if (c === '|') return { operand: '|', rest: src.slice(1) };
  if (c === '"') {
    const m = /^"(?:[^"\\]|\\.)*"/.exec(src);
    if (!m) throw new TemplateError('unterminated quoted string');
    return { operand: { kind: 'string', value: JSON.parse(m[0]) as string }, rest: src.slice(m[0].length) };
  }
  if (c === '`') {
    const end = src.indexOf('`', 1);
    if (end < 0) throw new TemplateError('unterminated raw string');
    return { operand: { kind: 'string', value: src.slice(1, end) }, rest: src.slice(end + 1) };
  }
  if (c === '.') return readField(src);
  const num = /^-?\d+/.exec(src);
  if (num) return { operand: { kind: 'number', value: Number(num[0]) }, rest: src.slice(num[0].length) };
  const word = WORD.exec(src);
  if (!word)
    throw new TemplateError(
      `unsupported syntax at "${src.slice(0, 10)}" (variables and parentheses are not supported)`,
    );
  if (KEYWORDS.has(word[0]))
    throw new TemplateError(`"${word[0]}" actions are not supported; use .key, index and functions`);
  return { operand: { kind: 'ident', name: word[0] }, rest: src.slice(word[0].length) };
}

function readField(src: string): { operand: Operand; rest: string } {
  const m = /^\.([A-Za-z0-9_]*)/.exec(src)!;
  const rest = src.slice(m[0].length);
  if (rest.startsWith('.'))
    throw new TemplateError(`cannot reach ${m[0]}${rest.split(/\s/)[0]}: values are strings`);
  return { operand: m[1] === '' ? { kind: 'dot' } : { kind: 'field', name: m[1]! }, rest };
}

function parseAction(body: string): Operand[][] {
  const pipeline: Operand[][] = [[]];
  let src = body.trim();
  while (src.length > 0) {
    const { operand, rest } = readOperand(src);
    if (operand === '|') pipeline.push([]);
    else pipeline[pipeline.length - 1]!.push(operand);
    src = rest.trimStart();
  }
  if (pipeline.some((command) => command.length === 0)) throw new TemplateError('empty command in pipeline');
  return pipeline;
}

/** The template's tokens; text already trimmed where `{{-` and `-}}` ask for it. */
export function tokenize(template: string): Token[] {
  const tokens: Token[] = [];
  let rest = template;
  let trimNext = false;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    let text = open < 0 ? rest : rest.slice(0, open);
    if (trimNext) text = text.trimStart();
    if (open < 0) {
      tokens.push({ kind: 'text', text });
      break;
    }
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateError('unclosed action: missing }}');
    let body = rest.slice(open + 2, close);
    if (/^-\s/.test(body)) text = text.trimEnd();
    trimNext = /\s-$/.test(body);
    body = body.replace(/^-\s/, ' ').replace(/\s-$/, ' ');
    tokens.push({ kind: 'text', text });
    if (!/^\s*\/\*[\s\S]*\*\/\s*$/.test(body)) tokens.push({ kind: 'action', pipeline: parseAction(body) });
    rest = rest.slice(close + 2);
  }
  return tokens.filter((t) => t.kind === 'action' || t.text !== '');
}
