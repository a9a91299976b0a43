/**
 * kstatus-style health from standard conditions, used for Flux kinds and as the fallback
 * for any object that has `status.conditions`:
 *   1. `status.observedGeneration` behind `metadata.generation` → Progressing
 *   2. Stalled=True → Degraded (the controller gave up)
 *   3. Reconciling=True → Progressing
 *   4. Ready: True → Healthy, False → Degraded, Unknown → Progressing
 * Returns undefined when none of these conditions is present.
 */
import type { KubeObject } from '../kube/object.js';
import { conditionsOf, findCondition, numberAt, type Condition } from './fields.js';
import { health, type HealthResult, type HealthStatus } from './types.js';

const readyStatus = new Map<string, HealthStatus>([
  ['True', 'Healthy'],
  ['False', 'Degraded'],
  ['Unknown', 'Progressing'],
]);

export function conditionsHealth(obj: KubeObject): HealthResult | undefined {
  const conditions = conditionsOf(obj);
  if (conditions.length === 0) return undefined;
  const observed = numberAt(obj, ['status', 'observedGeneration']);
  const generation = numberAt(obj, ['metadata', 'generation']);
  if (observed !== undefined && generation !== undefined && observed < generation) {
    return health('Progressing', `Waiting for the controller to observe generation ${generation}`);
  }
  const stalled = findCondition(conditions, 'Stalled');
  if (stalled?.status === 'True') return health('Degraded', describe(stalled));
  const reconciling = findCondition(conditions, 'Reconciling');
  if (reconciling?.status === 'True') return health('Progressing', describe(reconciling));
  const ready = findCondition(conditions, 'Ready');
  const status = ready && readyStatus.get(ready.status);
  return ready && status ? health(status, describe(ready)) : undefined;
}

/** The condition's message, else its reason. */
export function describe(condition: Condition): string {
  return condition.message || condition.reason;
}
