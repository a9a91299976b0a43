/** Rollback remediation: `helm rollback` to the previous deployed release. */
import type { Snapshot } from '../../../../api/flux/index.js';
import { markFalse, markTrue } from '../../conditions.js';
import { helmRollback } from '../helm-cli.js';
import { actionTimeout, maxHistory, observed, type ReleaseRequest } from '../request.js';
import { fullReleaseName, versionedChartName } from '../snapshots.js';
import { REMEDIATED, summarize } from '../summarize.js';
import { countAnyFailure, errorText, RetryableActionError } from './common.js';

export async function rollback(req: ReleaseRequest, target: Snapshot): Promise<void> {
  const { hr } = req;
  const spec = hr.spec.rollback ?? {};
  const result = await observed(req, () =>
    helmRollback(req.target, {
      version: target.version,
      timeout: actionTimeout(hr, 'rollback'),
      wait: !spec.disableWait,
      waitForJobs: !spec.disableWaitForJobs,
      noHooks: spec.disableHooks ?? false,
      maxHistory: maxHistory(hr),
      cleanupOnFail: spec.cleanupOnFail ?? false,
      recreate: spec.recreate ?? false,
      force: spec.force ?? false,
    }),
  );
  const what = `Helm rollback to previous release ${fullReleaseName(target)} with chart ${versionedChartName(target)}`;
  if (result.error) {
    const message = `${what} failed: ${errorText(result.error)}`;
    countAnyFailure(hr);
    markFalse(hr, REMEDIATED, 'RollbackFailed', message);
    req.events.warning('RollbackFailed', message);
    summarize(hr);
    if (!result.changed) throw new RetryableActionError(message, { cause: result.error });
    return;
  }
  const message = `${what} succeeded`;
  markTrue(hr, REMEDIATED, 'RollbackSucceeded', message);
  req.events.normal('RollbackSucceeded', message);
  summarize(hr);
}
