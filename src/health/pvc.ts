/**
 * PersistentVolumeClaim health, as Argo CD, from `status.phase`:
 * Bound → Healthy, Pending → Progressing, Lost → Degraded, anything else → Unknown.
 */
import type { KubeObject } from '../kube/object.js';
import { stringAt } from './fields.js';
import { health, type HealthResult, type HealthStatus } from './types.js';

const byPhase = new Map<string, HealthStatus>([
  ['Bound', 'Healthy'],
  ['Pending', 'Progressing'],
  ['Lost', 'Degraded'],
]);

export function pvcHealth(obj: KubeObject): HealthResult {
  const phase = stringAt(obj, ['status', 'phase']);
  const status = byPhase.get(phase) ?? 'Unknown';
  if (status === 'Healthy') return health(status);
  return health(
    status,
    phase ? `PersistentVolumeClaim is ${phase}` : 'PersistentVolumeClaim has no phase yet',
  );
}
