/**
 * Reading and writing the files kubeseal reads and writes: one Secret or SealedSecret per
 * input (YAML or JSON; several documents are refused, as kubeseal does), SealedSecrets out as
 * kubeseal prints them (JSON in field order, or YAML with sorted keys after `---`).
 */
import { parseAllDocuments, stringify } from 'yaml';
import { isKubeObject, type KubeObject } from '../kube/object.js';
import { SealInputError } from './errors.js';

export type OutputFormat = 'json' | 'yaml';

/** The single object in `text`. Throws SealInputError. */
export function parseSingleObject(text: string, what: string): KubeObject {
  const docs = parseAllDocuments(text);
  const broken = docs.find((d) => d.errors.length > 0);
  if (broken) throw new SealInputError(`cannot parse the input: ${broken.errors[0]!.message}`);
  const values = docs.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
  if (values.length === 0) throw new SealInputError(`no ${what} found in the input`);
  if (values.length > 1)
    throw new SealInputError(`the input holds ${values.length} documents; give one ${what} at a time`);
  const value = values[0];
  if (!isKubeObject(value))
    throw new SealInputError(`the input is not a Kubernetes object (no apiVersion, kind, metadata)`);
  return value;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

/** An object as kubeseal prints it. */
export function formatObject(obj: KubeObject, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(obj, null, 2)}\n`;
  return `---\n${stringify(sortKeys(obj), { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' })}`;
}

export function parseFormat(value: string | undefined): OutputFormat {
  const f = (value ?? 'json').toLowerCase();
  if (f === 'json' || f === 'yaml') return f;
  throw new Error(`unsupported output format: ${value} (json or yaml)`);
}
