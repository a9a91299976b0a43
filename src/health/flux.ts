/**
 * Flux kinds (any group ending in `.toolkit.fluxcd.io`): `spec.suspend: true` is Suspended,
 * as in Argo CD's Flux checks; otherwise kstatus-style conditions decide (see
 * conditions.ts). An object whose controller has not reported yet is Progressing.
 */
import type { KubeObject } from '../kube/object.js';
import { conditionsHealth } from './conditions.js';
import { valueAt } from './fields.js';
import { health, type HealthResult } from './types.js';

export const FLUX_GROUP_SUFFIX = '.toolkit.fluxcd.io';

export function isFluxGroup(group: string): boolean {
  return group.endsWith(FLUX_GROUP_SUFFIX);
}

export function fluxHealth(obj: KubeObject): HealthResult {
  if (valueAt(obj, ['spec', 'suspend']) === true) return health('Suspended', `${obj.kind} is suspended`);
  return conditionsHealth(obj) ?? health('Progressing', 'Waiting for the controller to report readiness');
}
