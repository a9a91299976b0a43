/**
 * Service health, as Argo CD: a LoadBalancer Service is Progressing until the cloud
 * provider reports at least one ingress point; every other type is Healthy.
 */
import type { KubeObject } from '../kube/object.js';
import { listAt, stringAt } from './fields.js';
import { health, type HealthResult } from './types.js';

export function serviceHealth(obj: KubeObject): HealthResult {
  if (stringAt(obj, ['spec', 'type']) !== 'LoadBalancer') return health('Healthy');
  if (listAt(obj, ['status', 'loadBalancer', 'ingress']).length > 0) return health('Healthy');
  return health('Progressing', 'Waiting for the load balancer to be assigned an address');
}
