/** Install: `helm install` (with --replace over a release kept in storage). */
import { deleteCondition, markFalse, markTrue, markUnknown } from '../../conditions.js';
import { withPostRenderers, postRenderersDigest } from '../post-render.js';
import { helmInstall } from '../helm-cli.js';
import { actionTimeout, currentName, observed, type ReleaseRequest } from '../request.js';
import { countFailure } from '../remediation.js';
import { hasBeenTested, latest, versionedChartName } from '../snapshots.js';
import { RELEASED, REMEDIATED, summarize, TEST_SUCCESS } from '../summarize.js';
import { countAnyFailure, errorText, goDuration, RetryableActionError } from './common.js';

export async function install(req: ReleaseRequest): Promise<void> {
  const { hr, chart } = req;
  const status = (hr.status ??= {});
  const spec = hr.spec.install ?? {};
  status.lastAttemptedReleaseAction = 'install';
  deleteCondition(hr, TEST_SUCCESS);
  deleteCondition(hr, REMEDIATED);
  const anyStored = (await req.listStored()).length > 0;
  const started = Date.now();
  const result = await observed(req, () =>
    withPostRenderers(hr, (postRenderer) =>
      helmInstall(req.target, {
        postRenderer,
        chart: chart.path,
        values: req.values,
        timeout: actionTimeout(hr, 'install'),
        wait: !spec.disableWait,
        waitForJobs: !spec.disableWaitForJobs,
        noHooks: spec.disableHooks ?? false,
        createNamespace: spec.createNamespace ?? false,
        skipCrds: spec.skipCRDs === true || spec.crds === 'Skip',
        disableOpenAPIValidation: spec.disableOpenAPIValidation ?? false,
        replace: (spec.replace ?? false) || anyStored,
      }),
    ),
  );
  status.lastAttemptedReleaseActionDuration = goDuration(Date.now() - started);
  if (result.error) {
    const message = `Helm install failed for release ${req.target.namespace}/${req.target.release} with chart ${chart.meta.name}@${chart.meta.version}: ${errorText(result.error)}`;
    countAnyFailure(hr);
    markFalse(hr, RELEASED, 'InstallFailed', message);
    req.events.warning('InstallFailed', message);
    summarize(hr);
    if (!result.changed) throw new RetryableActionError(message, { cause: result.error });
    countFailure(status, 'install');
    return;
  }
  const cur = latest(status.history);
  const message = `Helm install succeeded for release ${currentName(req)} with chart ${cur ? versionedChartName(cur) : chart.meta.name}`;
  const digest = postRenderersDigest(hr);
  if (digest) status.observedPostRenderersDigest = digest;
  else delete status.observedPostRenderersDigest;
  markTrue(hr, RELEASED, 'InstallSucceeded', message);
  if (hr.spec.test?.enable && !hasBeenTested(cur)) {
    markUnknown(
      hr,
      TEST_SUCCESS,
      'AwaitingTests',
      `Release ${currentName(req)} with chart ${cur ? versionedChartName(cur) : ''} is awaiting tests`,
    );
  }
  req.events.normal('InstallSucceeded', message);
  summarize(hr);
}
