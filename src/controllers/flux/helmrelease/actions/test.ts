/** Test: `helm test`; the hooks' phases land on the latest snapshot (testHooks). */
import { markFalse, markTrue } from '../../conditions.js';
import { helmTest } from '../helm-cli.js';
import { activeRemediation, countFailure } from '../remediation.js';
import { actionTimeout, currentName, observed, type ReleaseRequest } from '../request.js';
import { latest, versionedChartName } from '../snapshots.js';
import { summarize, TEST_SUCCESS } from '../summarize.js';
import type { StoredRelease } from '../storage.js';
import { countAnyFailure, errorText, RetryableActionError } from './common.js';

/** helm test failed: TestSuccess=False; a failed hook counts against the active remediation. */
function failed(req: ReleaseRequest, error: Error, stored: StoredRelease | undefined, chart: string): void {
  const { hr } = req;
  const status = (hr.status ??= {});
  const message = `Helm test failed for release ${currentName(req)} with chart ${chart}: ${errorText(error)}`;
  countAnyFailure(hr);
  markFalse(hr, TEST_SUCCESS, 'TestFailed', message);
  req.events.warning('TestFailed', message);
  summarize(hr);
  // No test hook ran: nothing was tested, try again later.
  if (Object.keys(stored?.testHooks ?? {}).length === 0)
    throw new RetryableActionError(message, { cause: error });
  const remediation = activeRemediation(hr, status);
  if (remediation && !remediation.ignoreTestFailures) countFailure(status, remediation.action);
}

export async function test(req: ReleaseRequest): Promise<void> {
  const { hr } = req;
  const status = (hr.status ??= {});
  const result = await observed(req, () =>
    helmTest(req.target, { timeout: actionTimeout(hr, 'test'), filters: hr.spec.test?.filters ?? [] }),
  );
  const stored = result.stored.at(-1);
  const cur = latest(status.history);
  if (cur && stored?.version === cur.version) {
    status.history = (status.history ?? []).map((s) =>
      s.version === cur.version ? { ...s, testHooks: stored.testHooks } : s,
    );
  }
  const chart = cur ? versionedChartName(cur) : '';
  if (result.error) return failed(req, result.error, stored, chart);
  const hooks = Object.keys(stored?.testHooks ?? {}).length;
  const outcome = hooks ? `${hooks} test hook(s) completed successfully` : 'no test hooks';
  const message = `Helm test succeeded for release ${currentName(req)} with chart ${chart}: ${outcome}`;
  markTrue(hr, TEST_SUCCESS, 'TestSucceeded', message);
  req.events.normal('TestSucceeded', message);
  summarize(hr);
}
