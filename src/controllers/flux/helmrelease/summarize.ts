/**
 * Ready, summarized from the release conditions as helm-controller's summarize does:
 * among Remediated, TestSuccess (when tests are enabled and their failures count) and
 * Released, the one set for the newest generation wins, in that priority order. A
 * Remediated condition means the wanted release failed, so Ready is False then.
 * Ready=True removes Stalled.
 */
import type { Condition, HelmRelease } from '../../../api/flux/index.js';
import { deleteCondition, READY, setCondition, STALLED } from '../conditions.js';

export const RELEASED = 'Released';
export const TEST_SUCCESS = 'TestSuccess';
export const REMEDIATED = 'Remediated';

export function summarize(hr: HelmRelease): void {
  const test = hr.spec.test;
  const order =
    test?.enable && !test.ignoreFailures ? [REMEDIATED, TEST_SUCCESS, RELEASED] : [REMEDIATED, RELEASED];
  if (!test?.enable) deleteCondition(hr, TEST_SUCCESS);
  const candidates = (hr.status?.conditions ?? []).filter((c) => order.includes(c.type));
  if (candidates.length === 0) return;
  const pick = candidates.reduce((best: Condition, c) => {
    const newer = (c.observedGeneration ?? 0) - (best.observedGeneration ?? 0);
    if (newer !== 0) return newer > 0 ? c : best;
    return order.indexOf(c.type) < order.indexOf(best.type) ? c : best;
  });
  const status = pick.type === REMEDIATED ? 'False' : pick.status;
  if (status === 'True') deleteCondition(hr, STALLED);
  setCondition(hr, { type: READY, status, reason: pick.reason, message: pick.message });
}
