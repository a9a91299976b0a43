/**
 * What install and upgrade share: run the helm action through the post-renderers, record
 * what Helm's storage now holds, and report the outcome on Released, in an Event and in
 * the failure counters. The two actions differ only in the helm command they run.
 */
import { deleteCondition, markFalse, markTrue, markUnknown } from '../../conditions.js';
import { withPostRenderers, postRenderersDigest } from '../post-render.js';
import { currentName, observed, type ReleaseRequest } from '../request.js';
import { countFailure } from '../remediation.js';
import { hasBeenTested, latest, versionedChartName } from '../snapshots.js';
import { RELEASED, REMEDIATED, summarize, TEST_SUCCESS } from '../summarize.js';
import { countAnyFailure, errorText, goDuration, RetryableActionError } from './common.js';

export type ReleaseAction = 'install' | 'upgrade';

const titles: Record<ReleaseAction, string> = { install: 'Install', upgrade: 'Upgrade' };

/** Runs `helm(postRendererArgs)` as the release's `action` and records its outcome on `req.hr`. */
export async function runReleaseAction(
  req: ReleaseRequest,
  action: ReleaseAction,
  helm: (postRenderer: string[]) => Promise<unknown>,
): Promise<void> {
  const { hr, chart } = req;
  const status = (hr.status ??= {});
  const title = titles[action];
  status.lastAttemptedReleaseAction = action;
  deleteCondition(hr, TEST_SUCCESS);
  deleteCondition(hr, REMEDIATED);
  const started = Date.now();
  const result = await observed(req, () => withPostRenderers(hr, helm));
  status.lastAttemptedReleaseActionDuration = goDuration(Date.now() - started);
  if (result.error) {
    const message = `Helm ${action} failed for release ${req.target.namespace}/${req.target.release} with chart ${chart.meta.name}@${chart.meta.version}: ${errorText(result.error)}`;
    countAnyFailure(hr);
    markFalse(hr, RELEASED, `${title}Failed`, message);
    req.events.warning(`${title}Failed`, message);
    summarize(hr);
    if (!result.changed) throw new RetryableActionError(message, { cause: result.error });
    countFailure(status, action);
    return;
  }
  const cur = latest(status.history);
  const message = `Helm ${action} succeeded for release ${currentName(req)} with chart ${cur ? versionedChartName(cur) : chart.meta.name}`;
  const digest = postRenderersDigest(hr);
  if (digest) status.observedPostRenderersDigest = digest;
  else delete status.observedPostRenderersDigest;
  markTrue(hr, RELEASED, `${title}Succeeded`, message);
  if (hr.spec.test?.enable && !hasBeenTested(cur)) {
    markUnknown(
      hr,
      TEST_SUCCESS,
      'AwaitingTests',
      `Release ${currentName(req)} with chart ${cur ? versionedChartName(cur) : ''} is awaiting tests`,
    );
  }
  req.events.normal(`${title}Succeeded`, message);
  summarize(hr);
}
