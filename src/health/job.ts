/**
 * Job health, as Argo CD: a Job without a Complete, Failed or true Suspended condition is
 * still running (Progressing); Failed → Degraded; Suspended → Suspended; Complete → Healthy.
 * Unlike Argo CD, a Suspended condition that is False (the Job was resumed) does not count
 * as finished: the resumed Job is Progressing again, not Healthy.
 */
import type { KubeObject } from '../kube/object.js';
import { conditionsOf } from './fields.js';
import { health, type HealthResult } from './types.js';

export function jobHealth(obj: KubeObject): HealthResult {
  let finished = false;
  let failure: string | undefined;
  let suspended = false;
  let message = '';
  for (const condition of conditionsOf(obj)) {
    if (condition.type === 'Failed') {
      finished = true;
      failure = condition.message;
    } else if (condition.type === 'Complete') {
      finished = true;
      message = condition.message;
    } else if (condition.type === 'Suspended' && condition.status === 'True') {
      finished = true;
      suspended = true;
      message = condition.message;
    }
  }
  if (!finished) return health('Progressing', message);
  if (failure !== undefined) return health('Degraded', failure);
  if (suspended) return health('Suspended', message);
  return health('Healthy', message);
}
