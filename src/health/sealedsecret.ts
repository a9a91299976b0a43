/**
 * SealedSecret health, as Argo CD's built-in check for bitnami.com/SealedSecret: the
 * Synced condition decides (False → Degraded with its message, True → Healthy);
 * without it the controller has not unsealed the object yet.
 */
import type { KubeObject } from '../kube/object.js';
import { conditionsOf, findCondition } from './fields.js';
import { health, type HealthResult } from './types.js';

export function sealedSecretHealth(obj: KubeObject): HealthResult {
  const synced = findCondition(conditionsOf(obj), 'Synced');
  if (!synced) return health('Progressing', 'Waiting for the controller to unseal it');
  if (synced.status === 'False') return health('Degraded', synced.message);
  return health(synced.status === 'True' ? 'Healthy' : 'Progressing', synced.message);
}
