/**
 * ReplicaSet health, as Argo CD: once the spec is observed, a true ReplicaFailure condition
 * is Degraded and fewer available replicas than desired is Progressing.
 */
import type { KubeObject } from '../kube/object.js';
import { conditionsOf, countAt, findCondition, generationPending, numberAt } from './fields.js';
import { health, type HealthResult } from './types.js';

export function replicaSetHealth(obj: KubeObject): HealthResult {
  if (generationPending(obj)) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed replica set generation less than desired generation',
    );
  }
  const failure = findCondition(conditionsOf(obj), 'ReplicaFailure');
  if (failure?.status === 'True') return health('Degraded', failure.message);
  const desired = numberAt(obj, ['spec', 'replicas']);
  const available = countAt(obj, ['status', 'availableReplicas']);
  if (desired !== undefined && available < desired) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${available} out of ${desired} new replicas are available...`,
    );
  }
  return health('Healthy');
}
