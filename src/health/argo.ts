/**
 * Argo kinds (group argoproj.io). An Application reports its own health in
 * `status.health`; an ApplicationSet through its conditions; a Workflow through its phase.
 * Each follows Argo CD's built-in check for that kind.
 */
import type { KubeObject } from '../kube/object.js';
import { conditionsOf, stringAt, type Condition } from './fields.js';
import { health, isHealthStatus, type HealthResult } from './types.js';

export function applicationHealth(obj: KubeObject): HealthResult {
  const status = stringAt(obj, ['status', 'health', 'status']);
  const message = stringAt(obj, ['status', 'health', 'message']);
  if (!status) return health('Progressing', message || 'Waiting for the application to report its health');
  if (isHealthStatus(status)) return health(status, message);
  return health('Unknown', `unrecognised application health "${status}"`);
}

export function applicationSetHealth(obj: KubeObject): HealthResult {
  const conditions = conditionsOf(obj);
  const first = (type: string, status: string): Condition | undefined =>
    conditions.find((c) => c.type === type && c.status === status);
  const error = first('ErrorOccurred', 'True') ?? first('ResourcesUpToDate', 'False');
  if (error) return health('Degraded', error.message);
  const rolling = first('RolloutProgressing', 'True');
  if (rolling) return health('Progressing', rolling.message);
  const upToDate = first('ResourcesUpToDate', 'True');
  if (upToDate) return health('Healthy', upToDate.message);
  return health('Progressing', 'Waiting for the status to be reported');
}

export function workflowHealth(obj: KubeObject): HealthResult {
  const message = stringAt(obj, ['status', 'message']);
  switch (stringAt(obj, ['status', 'phase'])) {
    case '':
    case 'Pending':
    case 'Running':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed':
    case 'Error':
      return health('Degraded', message);
    default:
      return health('Unknown', message);
  }
}
