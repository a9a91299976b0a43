/** Upgrade: `helm upgrade --reset-values` (or --reuse-values with upgrade.preserveValues). */
import { helmUpgrade } from '../helm-cli.js';
import { actionTimeout, maxHistory, type ReleaseRequest } from '../request.js';
import { runReleaseAction } from './release.js';

export async function upgrade(req: ReleaseRequest): Promise<void> {
  const { hr, chart } = req;
  const spec = hr.spec.upgrade ?? {};
  await runReleaseAction(req, 'upgrade', (postRenderer) =>
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
  );
}
