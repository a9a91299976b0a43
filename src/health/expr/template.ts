/**
 * Message templates: `{{ expression }}` placeholders (usually a path such as
 * `{{ status.conditions[type=Ready].message }}`) are replaced with the value found in the
 * object. Missing values become "", lists and maps become JSON. Text outside placeholders
 * is copied unchanged.
 */
import { compileExpression } from './compile.js';
import { ExpressionSyntaxError } from './errors.js';
import { evaluate } from './evaluate.js';

export function renderTemplate(template: string, root: unknown): string {
  let out = '';
  let i = 0;
  for (;;) {
    const open = template.indexOf('{{', i);
    if (open < 0) return out + template.slice(i);
    const close = template.indexOf('}}', open + 2);
    if (close < 0) {
      throw new ExpressionSyntaxError(
        template,
        template.length,
        `'}}' to close the '{{' at column ${open + 1}`,
        'end of message',
      );
    }
    out +=
      template.slice(i, open) + display(evaluate(compileExpression(template.slice(open + 2, close)), root));
    i = close + 2;
  }
}

/** Checks every placeholder parses, without an object. */
export function checkTemplate(template: string): void {
  renderTemplate(template, {});
}

function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
