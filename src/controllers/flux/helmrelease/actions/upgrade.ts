/** Upgrade: `helm upgrade --reset-values` (or --reuse-values with upgrade.preserveValues). */
import { deleteCondition, markFalse, markTrue, markUnknown } from '../../conditions.js';
import { withPostRenderers, postRenderersDigest } from '../post-render.js';
import { helmUpgrade } from '../helm-cli.js';
import { actionTimeout, currentName, maxHistory, observed, type ReleaseRequest } from '../request.js';
import { countFailure } from '../remediation.js';
import { hasBeenTested, latest, versionedChartName } from '../snapshots.js';
import { RELEASED, REMEDIATED, summarize, TEST_SUCCESS } from '../summarize.js';
import { countAnyFailure, errorText, goDuration, RetryableActionError } from './common.js';

export async function upgrade(req: ReleaseRequest): Promise<void> {
  const { hr, chart } = req;
  const status = (hr.status ??= {});
  const spec = hr.spec.upgrade ?? {};
  status.lastAttemptedReleaseAction = 'upgrade';
  deleteCondition(hr, TEST_SUCCESS);
  deleteCondition(hr, REMEDIATED);
  const started = Date.now();
  const result = await observed(req, () =>
    withPostRenderers(hr, (postRenderer) =>
      helmUpgrade(req.target, {
        postRenderer,
        chart: chart.path,
        values: req.values,
        reuseValues: spec.preserveValues ?? false,
        timeout: actionTimeout(hr, 'upgrade'),
        wait: !spec.disableWait,
        waitForJobs: !spec.disableWaitForJobs,
        noHooks: spec.disableHooks ?? false,
        maxHistory: maxHistory(hr),
        force: spec.force ?? false,
        cleanupOnFail: spec.cleanupOnFail ?? false,
        disableOpenAPIValidation: spec.disableOpenAPIValidation ?? false,
      }),
    ),
  );
  status.lastAttemptedReleaseActionDuration = goDuration(Date.now() - started);
  if (result.error) {
    const message = `Helm upgrade failed for release ${req.target.namespace}/${req.target.release} with chart ${chart.meta.name}@${chart.meta.version}: ${errorText(result.error)}`;
    countAnyFailure(hr);
    markFalse(hr, RELEASED, 'UpgradeFailed', message);
    req.events.warning('UpgradeFailed', message);
    summarize(hr);
    if (!result.changed) throw new RetryableActionError(message, { cause: result.error });
    countFailure(status, 'upgrade');
    return;
  }
  const cur = latest(status.history);
  const message = `Helm upgrade succeeded for release ${currentName(req)} with chart ${cur ? versionedChartName(cur) : chart.meta.name}`;
  const digest = postRenderersDigest(hr);
  if (digest) status.observedPostRenderersDigest = digest;
  else delete status.observedPostRenderersDigest;
  markTrue(hr, RELEASED, 'UpgradeSucceeded', message);
  if (hr.spec.test?.enable && !hasBeenTested(cur)) {
    markUnknown(
      hr,
      TEST_SUCCESS,
      'AwaitingTests',
      `Release ${currentName(req)} with chart ${cur ? versionedChartName(cur) : ''} is awaiting tests`,
    );
  }
  req.events.normal('UpgradeSucceeded', message);
  summarize(hr);
}
