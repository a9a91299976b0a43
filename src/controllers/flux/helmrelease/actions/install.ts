/** Install: `helm install` (with --replace over a release kept in storage). */
import { helmInstall } from '../helm-cli.js';
import { actionTimeout, type ReleaseRequest } from '../request.js';
import { runReleaseAction } from './release.js';

export async function install(req: ReleaseRequest): Promise<void> {
  const { hr, chart } = req;
  const spec = hr.spec.install ?? {};
  const anyStored = (await req.listStored()).length > 0;
  await runReleaseAction(req, 'install', (postRenderer) =>
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
  );
}
