/**
 * Ordering of statuses: how an application's health is rolled up from its resources.
 * The worst status wins: Healthy < Suspended < Progressing < Missing < Degraded < Unknown.
 */
import { HEALTH_ORDER, type HealthStatus } from './types.js';

function rank(status: HealthStatus): number {
  return HEALTH_ORDER.indexOf(status);
}

/** True when `candidate` is strictly worse than `current`. */
export function isWorse(current: HealthStatus, candidate: HealthStatus): boolean {
  return rank(candidate) > rank(current);
}

/** The worst of `statuses`; `Healthy` when there are none (nothing is wrong). */
export function aggregateHealth(statuses: HealthStatus[]): HealthStatus {
  let worst: HealthStatus = 'Healthy';
  for (const status of statuses) {
    if (isWorse(worst, status)) worst = status;
  }
  return worst;
}
