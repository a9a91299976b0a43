/**
 * CustomResourceDefinition health, as Argo CD: a terminating CRD is Progressing; names not
 * accepted, not Established, or a NonStructuralSchema violation are Degraded.
 */
import type { KubeObject } from '../kube/object.js';
import { conditionsOf } from './fields.js';
import { health, type HealthResult } from './types.js';

export function crdHealth(obj: KubeObject): HealthResult {
  const conditions = conditionsOf(obj);
  if (conditions.length === 0) return health('Progressing', 'Status conditions not found');
  const is = (type: string, status: string): boolean =>
    conditions.some((c) => c.type === type && c.status === status);
  const messageOf = (type: string): string => conditions.find((c) => c.type === type)?.message ?? '';

  if (is('Terminating', 'True')) {
    return health('Progressing', `CRD is being terminated: ${messageOf('Terminating')}`);
  }
  if (is('NamesAccepted', 'False')) {
    return health('Degraded', `CRD names have not been accepted: ${messageOf('NamesAccepted')}`);
  }
  if (!is('Established', 'True')) {
    return health('Degraded', `CRD is not established: ${messageOf('Established')}`);
  }
  if (is('NonStructuralSchema', 'True')) {
    return health('Degraded', `Schema violations found: ${messageOf('NonStructuralSchema')}`);
  }
  return health('Healthy', 'CRD is healthy');
}
