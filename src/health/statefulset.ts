/**
 * StatefulSet health, as Argo CD (after `kubectl rollout status`). A partitioned rolling
 * update is done once the pods above the partition are updated; OnDelete sets are healthy
 * once their pods are ready; otherwise the update and current revisions must match.
 */
import type { KubeObject } from '../kube/object.js';
import { countAt, generationPending, numberAt, stringAt, valueAt } from './fields.js';
import { health, type HealthResult } from './types.js';

export function statefulSetHealth(obj: KubeObject): HealthResult {
  if (countAt(obj, ['status', 'observedGeneration']) === 0 || generationPending(obj)) {
    return health('Progressing', 'Waiting for statefulset spec update to be observed...');
  }
  const desired = numberAt(obj, ['spec', 'replicas']);
  const ready = countAt(obj, ['status', 'readyReplicas']);
  if (desired !== undefined && ready < desired) {
    return health('Progressing', `Waiting for ${desired - ready} pods to be ready...`);
  }
  const strategy = stringAt(obj, ['spec', 'updateStrategy', 'type']);
  const updated = countAt(obj, ['status', 'updatedReplicas']);
  if (
    strategy === 'RollingUpdate' &&
    valueAt(obj, ['spec', 'updateStrategy', 'rollingUpdate']) !== undefined
  ) {
    return partitionedRollout(obj, desired, updated);
  }
  if (strategy === 'OnDelete') {
    return health('Healthy', `statefulset has ${ready} ready pods`);
  }
  const updateRevision = stringAt(obj, ['status', 'updateRevision']);
  const currentRevision = stringAt(obj, ['status', 'currentRevision']);
  if (updateRevision !== currentRevision) {
    return health(
      'Progressing',
      `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`,
    );
  }
  const current = countAt(obj, ['status', 'currentReplicas']);
  return health(
    'Healthy',
    `statefulset rolling update complete ${current} pods at revision ${currentRevision}...`,
  );
}

function partitionedRollout(obj: KubeObject, desired: number | undefined, updated: number): HealthResult {
  const partition = numberAt(obj, ['spec', 'updateStrategy', 'rollingUpdate', 'partition']);
  if (desired !== undefined && partition !== undefined && updated < desired - partition) {
    return health(
      'Progressing',
      `Waiting for partitioned roll out to finish: ${updated} out of ${desired - partition} new pods have been updated...`,
    );
  }
  return health('Healthy', `partitioned roll out complete: ${updated} new pods have been updated...`);
}
