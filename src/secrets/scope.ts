/**
 * Sealing scopes. The scope decides the RSA-OAEP label, so a value sealed for one
 * namespace/name decrypts only there: strict `namespace/name`, namespace-wide `namespace`,
 * cluster-wide the empty label. The SealedSecret's own annotations say which scope it uses.
 */
import { CLUSTER_WIDE_ANNOTATION, NAMESPACE_WIDE_ANNOTATION } from '../api/bitnami/types.js';

export type Scope = 'strict' | 'namespace-wide' | 'cluster-wide';

export const SCOPES: readonly Scope[] = ['strict', 'namespace-wide', 'cluster-wide'];

export function parseScope(value: string | undefined): Scope {
  if (value === undefined || value === '') return 'strict';
  if ((SCOPES as readonly string[]).includes(value)) return value as Scope;
  throw new Error(`scope must be one of: ${SCOPES.join(', ')} (got "${value}")`);
}

/** The scope annotated on an object; cluster-wide wins over namespace-wide, as in kubeseal. */
export function scopeOf(annotations: Record<string, string> | undefined | null): Scope {
  if (annotations?.[CLUSTER_WIDE_ANNOTATION] === 'true') return 'cluster-wide';
  if (annotations?.[NAMESPACE_WIDE_ANNOTATION] === 'true') return 'namespace-wide';
  return 'strict';
}

/** The OAEP label for a scope. */
export function sealingLabel(namespace: string, name: string, scope: Scope): Buffer {
  if (scope === 'cluster-wide') return Buffer.alloc(0);
  if (scope === 'namespace-wide') return Buffer.from(namespace);
  return Buffer.from(`${namespace}/${name}`);
}

/** `annotations` with exactly the scope annotation `scope` needs (none for strict). */
export function withScopeAnnotations(
  annotations: Record<string, string> | undefined | null,
  scope: Scope,
): Record<string, string> {
  const next = { ...(annotations ?? {}) };
  delete next[NAMESPACE_WIDE_ANNOTATION];
  delete next[CLUSTER_WIDE_ANNOTATION];
  if (scope === 'namespace-wide') next[NAMESPACE_WIDE_ANNOTATION] = 'true';
  if (scope === 'cluster-wide') next[CLUSTER_WIDE_ANNOTATION] = 'true';
  return next;
}

/** Why a value may fail to decrypt under this scope, for error messages. */
export function scopeHint(scope: Scope): string {
  if (scope === 'strict')
    return 'sealed for another cluster, or for another name or namespace: strict scope binds both';
  if (scope === 'namespace-wide') return 'sealed for another cluster, or for another namespace';
  return 'sealed for another cluster, or altered';
}
