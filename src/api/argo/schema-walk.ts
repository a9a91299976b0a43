/**
 * Checks a parsed object against a SchemaNode the way the API server's strict field validation
 * does: unknown fields, missing required fields and wrong types, each reported with its path
 * (`spec.sources[1].repoURL`). Nulls count as absent, as the API server prunes them.
 */
import type { SchemaNode } from './schema.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The path of a field below `parent`; keys that are not identifiers are quoted. */
export function fieldPath(parent: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function hasType(type: SchemaNode['type'], value: unknown): boolean {
  switch (type) {
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
    case 'boolean':
      return typeof value === type;
    default:
      return true;
  }
}

function typeError(node: SchemaNode, value: unknown, path: string): string | undefined {
  const where = path === '' ? 'the object' : path;
  if (node['x-kubernetes-int-or-string'] === true) {
    return Number.isInteger(value) || typeof value === 'string'
      ? undefined
      : `${where} must be an integer or a string, got ${describe(value)}`;
  }
  if (hasType(node.type, value)) return undefined;
  const article = node.type === 'integer' || node.type === 'object' || node.type === 'array' ? 'an' : 'a';
  return `${where} must be ${article} ${node.type ?? 'value'}, got ${describe(value)}`;
}

function objectIssues(node: SchemaNode, value: Record<string, unknown>, path: string): string[] {
  const additional = node.additionalProperties;
  if (additional !== undefined) {
    return Object.entries(value).flatMap(([key, v]) => schemaIssues(additional, v, fieldPath(path, key)));
  }
  // No properties: metadata (checked by the API server itself) or free-form content.
  const properties = node.properties;
  if (properties === undefined) return [];
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  const missing = (node.required ?? [])
    .filter((key) => value[key] === undefined || value[key] === null)
    .map((key) => `${fieldPath(path, key)} is required`);
  const fields = Object.entries(value).flatMap(([key, v]) => {
    const field = properties[key];
    if (field !== undefined) return schemaIssues(field, v, fieldPath(path, key));
    return preserve ? [] : [`${fieldPath(path, key)} is not a known field`];
  });
  return [...missing, ...fields];
}

/** Every way `value` departs from `node`; empty when it conforms. */
export function schemaIssues(node: SchemaNode, value: unknown, path = ''): string[] {
  if (value === null || value === undefined) return [];
  const wrongType = typeError(node, value, path);
  if (wrongType !== undefined) return [wrongType];
  if (Array.isArray(value)) {
    const items = node.items;
    return items === undefined ? [] : value.flatMap((item, i) => schemaIssues(items, item, `${path}[${i}]`));
  }
  if (isRecord(value)) return objectIssues(node, value, path);
  if (node.enum !== undefined && typeof value === 'string' && !node.enum.includes(value)) {
    return [`${path} must be one of ${node.enum.join(', ')}, got "${value}"`];
  }
  return [];
}
