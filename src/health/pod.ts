/**
 * Pod health, as Argo CD. With restartPolicy Always, a container waiting for a reason that
 * looks like an error (Err*, *Error, *BackOff: CrashLoopBackOff, ImagePullBackOff, ...) is
 * Degraded. Otherwise the phase decides; a Running pod that is meant to finish (Never or
 * OnFailure) stays Progressing, because such pods are usually sync hooks, unless it carries
 * the `argocd.argoproj.io/ignore-restart-policy` annotation.
 */
import type { KubeObject } from '../kube/object.js';
import { conditionsOf, findCondition, isRecord, listAt, numberAt, stringAt, valueAt } from './fields.js';
import { health, type HealthResult } from './types.js';

export const IGNORE_RESTART_POLICY_ANNOTATION = 'argocd.argoproj.io/ignore-restart-policy';

export function podHealth(obj: KubeObject): HealthResult {
  // An absent restartPolicy is the API server's default, Always.
  const restartPolicy = stringAt(obj, ['spec', 'restartPolicy']) || 'Always';
  const message = stringAt(obj, ['status', 'message']);
  if (restartPolicy === 'Always') {
    const waiting = waitingOnError(obj);
    if (waiting !== undefined) return health('Degraded', waiting);
  }
  switch (stringAt(obj, ['status', 'phase'])) {
    case 'Pending':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed':
      return health('Degraded', message || firstFailure(obj));
    case 'Running':
      return runningHealth(obj, restartPolicy, message);
    default:
      return health('Unknown', message);
  }
}

/** The joined messages of containers waiting on an error, or undefined when there are none. */
function waitingOnError(obj: KubeObject): string | undefined {
  const messages: string[] = [];
  for (const status of listAt(obj, ['status', 'containerStatuses'])) {
    const reason = stringAt(status, ['state', 'waiting', 'reason']);
    if (reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff')) {
      messages.push(stringAt(status, ['state', 'waiting', 'message']) || reason);
    }
  }
  return messages.length > 0 ? messages.join(', ') : undefined;
}

function runningHealth(obj: KubeObject, restartPolicy: string, message: string): HealthResult {
  const ignorePolicy = Object.hasOwn(obj.metadata.annotations ?? {}, IGNORE_RESTART_POLICY_ANNOTATION);
  if (!ignorePolicy && restartPolicy !== 'Always') {
    if (restartPolicy === 'OnFailure' || restartPolicy === 'Never') return health('Progressing', message);
    return health('Unknown', message);
  }
  if (findCondition(conditionsOf(obj), 'Ready')?.status === 'True') return health('Healthy', message);
  const restarted = listAt(obj, ['status', 'containerStatuses']).some(
    (status) => valueAt(status, ['lastState', 'terminated']) !== undefined,
  );
  return health(restarted ? 'Degraded' : 'Progressing', message);
}

/** Why a failed pod failed: the first init or app container that terminated badly. */
function firstFailure(obj: KubeObject): string {
  const statuses = [
    ...listAt(obj, ['status', 'initContainerStatuses']),
    ...listAt(obj, ['status', 'containerStatuses']),
  ];
  for (const status of statuses.filter(isRecord)) {
    const terminated = valueAt(status, ['state', 'terminated']);
    if (!isRecord(terminated)) continue;
    const text = stringAt(terminated, ['message']);
    if (text) return text;
    if (stringAt(terminated, ['reason']) === 'OOMKilled') return 'OOMKilled';
    const exitCode = numberAt(terminated, ['exitCode']) ?? 0;
    if (exitCode !== 0) return `container "${stringAt(status, ['name'])}" failed with exit code ${exitCode}`;
  }
  return '';
}
