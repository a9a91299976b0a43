/**
 * CronJob health, as Argo CD's built-in Lua check: suspended → Suspended; a running job →
 * Progressing; never scheduled → Healthy; the last success after the last schedule →
 * Healthy; otherwise the last run did not succeed → Degraded.
 */
import type { KubeObject } from '../kube/object.js';
import { listAt, stringAt, valueAt } from './fields.js';
import { health, type HealthResult } from './types.js';

export function cronJobHealth(obj: KubeObject): HealthResult {
  if (valueAt(obj, ['spec', 'suspend']) === true) return health('Suspended', 'CronJob is suspended');
  if (listAt(obj, ['status', 'active']).length > 0) return health('Progressing', 'CronJob has active jobs');
  const lastSchedule = timeAt(obj, 'lastScheduleTime');
  if (lastSchedule === undefined) return health('Healthy', 'CronJob has never run');
  const lastSuccess = timeAt(obj, 'lastSuccessfulTime');
  if (lastSuccess !== undefined && lastSchedule < lastSuccess) {
    return health('Healthy', 'CronJob has run successfully');
  }
  return health('Degraded', 'CronJob has not run successfully');
}

function timeAt(obj: KubeObject, field: string): number | undefined {
  const text = stringAt(obj, ['status', field]);
  if (!text) return undefined;
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) throw new Error(`CronJob status.${field} is not a timestamp: ${text}`);
  return millis;
}
