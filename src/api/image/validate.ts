/** Validation of ImageRepository and ImagePolicy: schema, then rules.ts; every message with its field path. */
import { isRecord, schemaIssues } from '../argo/schema-walk.js';
import type { SchemaNode } from '../argo/schema.js';
import { imagePolicyRuleErrors, imageRepositoryRuleErrors } from './rules.js';
import { imagePolicySchema, imageRepositorySchema } from './schema.js';
import { IMAGE_API_VERSIONS } from './types.js';

const KINDS: Record<string, { schema: SchemaNode; rules: (obj: Record<string, unknown>) => string[] }> = {
  ImageRepository: { schema: imageRepositorySchema(), rules: imageRepositoryRuleErrors },
  ImagePolicy: { schema: imagePolicySchema(), rules: imagePolicyRuleErrors },
};

/** Every problem with `obj` as an image reflector object of `kind`; empty when valid. */
export function imageObjectErrors(obj: unknown, kind: 'ImageRepository' | 'ImagePolicy'): string[] {
  const rules = KINDS[kind]!;
  if (!isRecord(obj)) return [`a ${kind} must be an object`];
  const errors: string[] = [];
  if (typeof obj.apiVersion !== 'string' || !IMAGE_API_VERSIONS.includes(obj.apiVersion)) {
    errors.push(
      `apiVersion must be ${IMAGE_API_VERSIONS.join(' or ')}, got ${JSON.stringify(obj.apiVersion ?? null)}`,
    );
  }
  if (obj.kind !== kind) errors.push(`kind must be ${kind}, got ${JSON.stringify(obj.kind ?? null)}`);
  const schema = schemaIssues(rules.schema, obj);
  // Rules read fields the schema vouched for; skip them while the shape itself is wrong.
  return [...new Set([...errors, ...schema, ...(schema.length ? [] : rules.rules(obj))])];
}

export const imageRepositoryErrors = (obj: unknown): string[] => imageObjectErrors(obj, 'ImageRepository');
export const imagePolicyErrors = (obj: unknown): string[] => imageObjectErrors(obj, 'ImagePolicy');
