/** Uninstall remediation: `helm uninstall` of a failed release (keepHistory as uninstall.keepHistory says). */
import { markFalse, markTrue } from '../../conditions.js';
import { helmUninstall } from '../helm-cli.js';
import { actionTimeout, currentName, observed, type ReleaseRequest } from '../request.js';
import { latest, versionedChartName } from '../snapshots.js';
import { REMEDIATED, summarize } from '../summarize.js';
import { countAnyFailure, errorText, RetryableActionError } from './common.js';

export async function uninstallRemediation(req: ReleaseRequest): Promise<void> {
  const { hr } = req;
  const status = (hr.status ??= {});
  const spec = hr.spec.uninstall ?? {};
  const name = currentName(req);
  const cur = latest(status.history);
  const chart = cur ? versionedChartName(cur) : '';
  const result = await observed(req, () =>
    helmUninstall(req.target, {
      timeout: actionTimeout(hr, 'uninstall'),
      keepHistory: spec.keepHistory ?? false,
      noHooks: spec.disableHooks ?? false,
      wait: !spec.disableWait,
      cascade: spec.deletionPropagation ?? 'background',
    }),
  );
  if (result.error) {
    const message = `Helm uninstall remediation for release ${name} with chart ${chart} failed: ${errorText(result.error)}`;
    countAnyFailure(hr);
    markFalse(hr, REMEDIATED, 'UninstallFailed', message);
    req.events.warning('UninstallFailed', message);
    summarize(hr);
    if (!result.changed) throw new RetryableActionError(message, { cause: result.error });
    return;
  }
  // Without keepHistory the release is gone from storage: record it as uninstalled.
  if (cur && !result.stored.some((r) => r.version === cur.version)) {
    status.history = (status.history ?? []).map((s) =>
      s.version === cur.version ? { ...s, status: 'uninstalled', deleted: new Date().toISOString() } : s,
    );
  }
  const message = `Helm uninstall remediation for release ${name} with chart ${chart} succeeded`;
  markTrue(hr, REMEDIATED, 'UninstallSucceeded', message);
  req.events.normal('UninstallSucceeded', message);
  summarize(hr);
}
