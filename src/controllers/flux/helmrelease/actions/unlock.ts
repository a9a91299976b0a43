/** Unlock: a release left pending (helm was interrupted) is marked failed, so it can be remediated. */
import type { Cluster } from '../../../../kube/cluster.js';
import { markFalse } from '../../conditions.js';
import { observed, type ReleaseRequest } from '../request.js';
import { fullReleaseName } from '../snapshots.js';
import { unlockRelease } from '../storage.js';
import { RELEASED, summarize } from '../summarize.js';
import { errorText, RetryableActionError } from './common.js';

export async function unlock(req: ReleaseRequest, cluster: Cluster): Promise<void> {
  const stored = (await req.listStored()).at(-1);
  if (!stored) return;
  const what = `Helm release ${fullReleaseName(stored)} with chart ${stored.chartName}@${stored.chartVersion} in ${stored.status} state`;
  const result = await observed(req, () => unlockRelease(cluster, stored));
  if (result.error) {
    const message = `Unlock of ${what} failed: ${errorText(result.error)}`;
    req.events.warning('PendingRelease', message);
    throw new RetryableActionError(message, { cause: result.error });
  }
  const message = `Unlocked ${what}`;
  markFalse(req.hr, RELEASED, 'PendingRelease', message);
  req.events.normal('PendingRelease', message);
  summarize(req.hr);
}
