/**
 * Deployment health, as Argo CD (after `kubectl rollout status`):
 * paused → Suspended; spec not yet observed → Progressing; the Progressing condition's
 * reason ProgressDeadlineExceeded → Degraded; replicas still rolling → Progressing.
 */
import type { KubeObject } from '../kube/object.js';
import { conditionsOf, countAt, findCondition, generationPending, numberAt, valueAt } from './fields.js';
import { health, type HealthResult } from './types.js';

export function deploymentHealth(obj: KubeObject): HealthResult {
  if (valueAt(obj, ['spec', 'paused']) === true) return health('Suspended', 'Deployment is paused');
  if (generationPending(obj)) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed deployment generation less than desired generation',
    );
  }
  const progressing = findCondition(conditionsOf(obj), 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return health('Degraded', `Deployment "${obj.metadata.name ?? ''}" exceeded its progress deadline`);
  }
  return rolloutProgress(obj) ?? health('Healthy');
}

/** Progressing while new replicas are created, old ones terminate or new ones become available. */
function rolloutProgress(obj: KubeObject): HealthResult | undefined {
  const desired = numberAt(obj, ['spec', 'replicas']);
  const replicas = countAt(obj, ['status', 'replicas']);
  const updated = countAt(obj, ['status', 'updatedReplicas']);
  const available = countAt(obj, ['status', 'availableReplicas']);
  if (desired !== undefined && updated < desired) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${updated} out of ${desired} new replicas have been updated...`,
    );
  }
  if (replicas > updated) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${replicas - updated} old replicas are pending termination...`,
    );
  }
  if (available < updated) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`,
    );
  }
  return undefined;
}
