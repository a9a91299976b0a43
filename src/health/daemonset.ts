/**
 * DaemonSet health, as Argo CD (after `kubectl rollout status`): once the spec is observed,
 * OnDelete sets are healthy; otherwise every scheduled pod must be updated and available.
 */
import type { KubeObject } from '../kube/object.js';
import { countAt, generationPending, stringAt } from './fields.js';
import { health, type HealthResult } from './types.js';

export function daemonSetHealth(obj: KubeObject): HealthResult {
  if (generationPending(obj)) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed daemon set generation less than desired generation',
    );
  }
  const name = obj.metadata.name ?? '';
  const desired = countAt(obj, ['status', 'desiredNumberScheduled']);
  const updated = countAt(obj, ['status', 'updatedNumberScheduled']);
  const available = countAt(obj, ['status', 'numberAvailable']);
  if (stringAt(obj, ['spec', 'updateStrategy', 'type']) === 'OnDelete') {
    return health('Healthy', `daemon set ${updated} out of ${desired} new pods have been updated`);
  }
  if (updated < desired) {
    return health(
      'Progressing',
      `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`,
    );
  }
  if (available < desired) {
    return health(
      'Progressing',
      `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`,
    );
  }
  return health('Healthy');
}
