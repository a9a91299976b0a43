/** Condition edits the release loop makes between actions (helm-controller's atomic release). */
import { getCondition, isTrue, deleteCondition, setCondition } from '../conditions.js';
import { activeRemediation } from './remediation.js';
import type { ReleaseRequest } from './request.js';
import { fullReleaseName, latest, versionedChartName } from './snapshots.js';
import { RELEASED, REMEDIATED } from './summarize.js';

/** A Remediated=True condition becomes Released=True: the release in storage matches what is wanted. */
export function remediatedToReleased(req: ReleaseRequest): void {
  const cur = latest(req.hr.status?.history);
  if (!cur || !isTrue(req.hr, REMEDIATED)) return;
  const message = `Helm upgrade succeeded for release ${fullReleaseName(cur)} with chart ${versionedChartName(cur)}`;
  deleteCondition(req.hr, REMEDIATED);
  setCondition(req.hr, { type: RELEASED, status: 'True', reason: 'UpgradeSucceeded', message });
}

/**
 * In sync, yet Released=False: a later attempt failed without touching the release (a
 * chart that did not render, say) and the spec went back. The release running is the one
 * wanted, so it is Released again. (Flux keeps the stale failure on Ready here.)
 */
export function releasedInSync(req: ReleaseRequest): void {
  const cur = latest(req.hr.status?.history);
  if (!cur || cur.status !== 'deployed' || getCondition(req.hr, RELEASED)?.status !== 'False') return;
  const upgrade = cur.version > 1;
  const message = `Helm ${upgrade ? 'upgrade' : 'install'} succeeded for release ${fullReleaseName(cur)} with chart ${versionedChartName(cur)}`;
  setCondition(req.hr, {
    type: RELEASED,
    status: 'True',
    reason: upgrade ? 'UpgradeSucceeded' : 'InstallSucceeded',
    message,
  });
}

/** Stalled's message, as Flux words it. */
export function stalledMessage(
  req: ReleaseRequest,
  stop: 'RetriesExceeded' | 'MissingRollbackTarget',
  reason: string,
): string {
  if (stop === 'MissingRollbackTarget')
    return `Failed to perform remediation: missing target release for rollback: ${reason}`;
  const status = req.hr.status ?? {};
  const count = activeRemediation(req.hr, status)?.failures ?? 0;
  return `Failed to ${status.lastAttemptedReleaseAction ?? 'install'} after ${count} attempt(s)`;
}
