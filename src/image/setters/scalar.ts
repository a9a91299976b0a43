/**
 * Writing a new value into a scalar's source text in the scalar's own style: plain stays
 * plain when YAML would read the new text back as the same string (else it becomes
 * double-quoted, so `1.10` never turns into a number), quoted styles keep their quotes.
 */
import { parseDocument, Scalar } from 'yaml';

/** The scalar styles a setter can rewrite; block scalars (`|`, `>`) are left alone. */
export type EditableStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';

export function isEditableStyle(type: Scalar['type']): type is EditableStyle {
  return type === 'PLAIN' || type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
}

/** Whether `value` written plain after `key: ` reads back as exactly that string. */
export function plainIsSafe(value: string): boolean {
  if (value === '' || value !== value.trim() || /[\r\n]/.test(value)) return false;
  const doc = parseDocument(`k: ${value}\n`);
  return doc.errors.length === 0 && doc.get('k') === value;
}

/** The source text of `value` as a scalar of `style`. */
export function scalarSource(value: string, style: EditableStyle): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'PLAIN' && plainIsSafe(value)) return value;
  return JSON.stringify(value);
}
