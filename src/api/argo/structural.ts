/**
 * Whether a CRD schema is structural, as apiextensions.k8s.io/v1 requires: every node has a
 * type (unless it is int-or-string or preserves unknown fields), properties appear only on
 * objects, items only (and always) on arrays, and anyOf branches carry nothing but types.
 */
import type { SchemaNode } from './schema.js';

function nodeIssues(node: SchemaNode, path: string): string[] {
  const typeOptional =
    node['x-kubernetes-int-or-string'] === true || node['x-kubernetes-preserve-unknown-fields'] === true;
  const isObject = node.type === 'object';
  const checks: Array<[boolean, string]> = [
    [node.type === undefined && !typeOptional, 'type is missing'],
    [node.properties !== undefined && !isObject, 'properties on a non-object'],
    [node.additionalProperties !== undefined && !isObject, 'additionalProperties on a non-object'],
    [
      node.properties !== undefined && node.additionalProperties !== undefined,
      'properties and additionalProperties together',
    ],
    [node.type === 'array' && node.items === undefined, 'array without items'],
    [node.items !== undefined && node.type !== 'array', 'items on a non-array'],
    [
      (node.anyOf ?? []).some((branch) => Object.keys(branch).some((key) => key !== 'type')),
      'anyOf branch carries more than type',
    ],
  ];
  const missing = (node.required ?? []).filter((key) => node.properties?.[key] === undefined);
  return [
    ...checks.filter(([failed]) => failed).map(([, message]) => `${path}: ${message}`),
    ...missing.map((key) => `${path}: required field ${key} is not a property`),
  ];
}

/** Problems that keep `schema` from being structural; empty when it is. */
export function structuralIssues(schema: SchemaNode, path = '<root>'): string[] {
  const children: Array<[SchemaNode, string]> = [
    ...Object.entries(schema.properties ?? {}).map(([key, child]): [SchemaNode, string] => [
      child,
      `${path}.${key}`,
    ]),
  ];
  if (schema.items !== undefined) children.push([schema.items, `${path}[]`]);
  if (schema.additionalProperties !== undefined) children.push([schema.additionalProperties, `${path}{}`]);
  return [...nodeIssues(schema, path), ...children.flatMap(([child, at]) => structuralIssues(child, at))];
}
