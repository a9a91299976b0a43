/**
 * OpenAPI v3 schema nodes, as a CustomResourceDefinition carries them, and the small builders the
 * Argo CD schemas are written with. The same nodes become the CRDs (crds.ts) and drive Ferry's
 * own field check (schema-walk.ts), so every field is described exactly once.
 */
export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

export interface SchemaNode {
  type?: SchemaType;
  format?: string;
  description?: string;
  enum?: string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
}

function described(node: SchemaNode, description?: string): SchemaNode {
  return description === undefined ? node : { ...node, description };
}

export function str(description?: string): SchemaNode {
  return described({ type: 'string' }, description);
}

export function bool(description?: string): SchemaNode {
  return described({ type: 'boolean' }, description);
}

/** A Go int64. */
export function int(description?: string): SchemaNode {
  return described({ type: 'integer', format: 'int64' }, description);
}

/** A metav1.Time: an RFC 3339 timestamp. */
export function time(description?: string): SchemaNode {
  return described({ type: 'string', format: 'date-time' }, description);
}

export function arr(items: SchemaNode, description?: string): SchemaNode {
  return described({ type: 'array', items }, description);
}

export function strList(description?: string): SchemaNode {
  return arr(str(), description);
}

/** An object with exactly these fields; any other field is unknown. */
export function obj(
  properties: Record<string, SchemaNode>,
  required?: string[],
  description?: string,
): SchemaNode {
  const node: SchemaNode = { type: 'object', properties };
  if (required !== undefined && required.length > 0) node.required = required;
  return described(node, description);
}

/** A map with free keys and values of one shape (a Go map[string]T). */
export function mapOf(values: SchemaNode, description?: string): SchemaNode {
  return described({ type: 'object', additionalProperties: values }, description);
}

export function strMap(description?: string): SchemaNode {
  return mapOf(str(), description);
}

/** Free-form data kept as written: only where Argo CD itself stores arbitrary content. */
export function freeform(description?: string): SchemaNode {
  return described({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, description);
}

/** A Go intstr.IntOrString. */
export function intOrString(description?: string): SchemaNode {
  return described(
    { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
    description,
  );
}
