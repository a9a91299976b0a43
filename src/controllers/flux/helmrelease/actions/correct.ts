/** Drift correction: the release's manifest objects applied again; no new Helm revision. */
import { correctDrift, describeDrift, type DriftChange } from '../drift.js';
import type { Cluster } from '../../../../kube/cluster.js';
import { currentName, type ReleaseRequest } from '../request.js';
import { errorText, RetryableActionError } from './common.js';

export async function correct(req: ReleaseRequest, cluster: Cluster, changes: DriftChange[]): Promise<void> {
  try {
    await correctDrift(cluster, changes);
  } catch (err) {
    const message = `Failed to correct cluster state of release ${currentName(req)}: ${errorText(err as Error)}`;
    req.events.warning('DriftCorrectionFailed', message);
    throw new RetryableActionError(message, { cause: err });
  }
  req.events.normal(
    'DriftCorrected',
    `Cluster state of release ${currentName(req)} has been corrected:\n${describeDrift(changes)}`,
  );
}
