/**
 * Schema pieces the Flux kinds share. The builders are the Argo dialect's (one OpenAPI
 * vocabulary for every CRD Ferry installs); the shapes are Flux's.
 */
import { bool, freeform, int, mapOf, obj, str, strMap, type SchemaNode } from '../argo/schema.js';

export const duration = (description?: string): SchemaNode =>
  str(description ?? 'A Go duration such as "30s", "5m" or "1h30m"');

export const localRef = (description?: string): SchemaNode =>
  obj({ name: str('Name of the referent') }, ['name'], description);

export const namespacedRef = (description?: string): SchemaNode =>
  obj(
    { name: str(), namespace: str('Defaults to the namespace of the referring object') },
    ['name'],
    description,
  );

export function accessFromSchema(): SchemaNode {
  const selector = obj({ matchLabels: strMap() });
  return obj({ namespaceSelectors: { type: 'array', items: selector } }, ['namespaceSelectors']);
}

export function verifySchema(): SchemaNode {
  const identity = obj({ issuer: str(), subject: str() }, ['issuer', 'subject']);
  return obj(
    {
      provider: { type: 'string', enum: ['cosign', 'notation'] },
      secretRef: localRef(),
      matchOIDCIdentity: { type: 'array', items: identity },
    },
    ['provider'],
  );
}

/** Status is the controller's: kept free-form so Flux tools and Ferry can both write it. */
export function statusSchema(): SchemaNode {
  return freeform('Observed state, written by the controller');
}

/** `apiVersion`, `kind`, `metadata`, `spec`, `status` of one kind. */
export function objectSchema(spec: SchemaNode, description: string, specRequired = true): SchemaNode {
  return obj(
    {
      apiVersion: str(),
      kind: str(),
      metadata: { type: 'object' },
      spec,
      status: statusSchema(),
    },
    specRequired ? ['spec'] : undefined,
    description,
  );
}

export const labelsAndAnnotations = (): SchemaNode => obj({ labels: strMap(), annotations: strMap() });

export { bool, freeform, int, mapOf, obj, str };
