/**
 * HorizontalPodAutoscaler health, as Argo CD. Conditions come from `status.conditions`
 * (autoscaling/v2*) or, for autoscaling/v1, from the JSON in the
 * `autoscaling.alpha.kubernetes.io/conditions` annotation. A condition that says the
 * autoscaler cannot get its scale or its metrics is Degraded (checked over all conditions
 * first); otherwise a true AbleToScale or ScalingLimited is Healthy; otherwise the
 * autoscaler is still waiting (Progressing).
 */
import type { KubeObject } from '../kube/object.js';
import { conditionsOf, isRecord, toCondition, type Condition } from './fields.js';
import { health, type HealthResult } from './types.js';

export const HPA_CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';

const WAITING = health('Progressing', 'Waiting to Autoscale');

const degradedReasons = new Map<string, readonly string[]>([
  ['AbleToScale', ['FailedGetScale', 'FailedUpdateScale']],
  [
    'ScalingActive',
    [
      'FailedGetResourceMetric',
      'FailedGetContainerResourceMetric',
      'FailedGetPodsMetric',
      'FailedGetObjectMetric',
      'FailedGetExternalMetric',
      'InvalidSelector',
    ],
  ],
]);

const healthyTypes = new Set(['AbleToScale', 'ScalingLimited']);

export function hpaHealth(obj: KubeObject): HealthResult {
  const conditions = obj.apiVersion === 'autoscaling/v1' ? annotationConditions(obj) : conditionsOf(obj);
  const degraded = conditions.find((c) => degradedReasons.get(c.type)?.includes(c.reason) === true);
  if (degraded) return health('Degraded', degraded.message);
  const healthy = conditions.find((c) => healthyTypes.has(c.type) && c.status === 'True');
  if (healthy) return health('Healthy', healthy.message);
  return WAITING;
}

function annotationConditions(obj: KubeObject): Condition[] {
  const raw = obj.metadata.annotations?.[HPA_CONDITIONS_ANNOTATION];
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`failed to read the ${HPA_CONDITIONS_ANNOTATION} annotation: ${reason}`, { cause: err });
  }
  if (!Array.isArray(parsed)) throw new Error(`the ${HPA_CONDITIONS_ANNOTATION} annotation is not a list`);
  return parsed.filter(isRecord).map(toCondition);
}
