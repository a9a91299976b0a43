/**
 * APIService health, as Argo CD: the Available condition decides (True → Healthy, anything
 * else → Progressing); without it the aggregator has not processed the service yet.
 */
import type { KubeObject } from '../kube/object.js';
import { conditionsOf, findCondition } from './fields.js';
import { health, type HealthResult } from './types.js';

export function apiServiceHealth(obj: KubeObject): HealthResult {
  const available = findCondition(conditionsOf(obj), 'Available');
  if (!available) return health('Progressing', 'Waiting to be processed');
  const message = `${available.reason}: ${available.message}`;
  return health(available.status === 'True' ? 'Healthy' : 'Progressing', message);
}
