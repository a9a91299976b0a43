/**
 * Ingress health, as Argo CD: Healthy once the ingress controller reports at least one
 * load balancer ingress point, Progressing until then.
 */
import type { KubeObject } from '../kube/object.js';
import { listAt } from './fields.js';
import { health, type HealthResult } from './types.js';

export function ingressHealth(obj: KubeObject): HealthResult {
  if (listAt(obj, ['status', 'loadBalancer', 'ingress']).length > 0) return health('Healthy');
  return health('Progressing', 'Waiting for the ingress controller to assign an address');
}
