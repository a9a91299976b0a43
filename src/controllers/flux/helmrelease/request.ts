/**
 * Everything one Helm action needs, gathered once per reconcile: the HelmRelease being
 * worked on (its status is the working copy), the chart, the values, where the release
 * lives, and how to look at Helm's storage afterwards.
 */
import type { HelmRelease } from '../../../api/flux/index.js';
import type { FluxEvents } from '../events.js';
import type { ChartMetadata } from '../helmchart.js';
import type { HelmTarget } from './helm-cli.js';
import { fullReleaseName, latest, recordReleases } from './snapshots.js';
import type { StoredRelease } from './storage.js';
import type { Values } from './strvals.js';

export interface ReleaseRequest {
  /** Working copy: actions write its status. */
  hr: HelmRelease;
  chart: { path: string; meta: ChartMetadata };
  values: Values;
  configDigest: string;
  target: HelmTarget;
  listStored: () => Promise<StoredRelease[]>;
  events: FluxEvents;
}

export const DEFAULT_TIMEOUT = '5m0s';

export function actionTimeout(
  hr: HelmRelease,
  action: 'install' | 'upgrade' | 'test' | 'rollback' | 'uninstall',
): string {
  return hr.spec[action]?.timeout ?? hr.spec.timeout ?? DEFAULT_TIMEOUT;
}

export function maxHistory(hr: HelmRelease): number {
  return hr.spec.maxHistory ?? 5;
}

const signature = (stored: StoredRelease[]): string =>
  stored.map((r) => `${r.version}:${r.digest}`).join(',');

/**
 * Runs a helm command and records in `status.history` what it wrote to Helm's storage.
 * Resolves with the error, if any, and whether storage changed (a failure that changed
 * nothing can simply be retried; one that did counts against the remediation).
 */
export async function observed(
  req: ReleaseRequest,
  run: () => Promise<unknown>,
): Promise<{ error?: Error; changed: boolean; stored: StoredRelease[] }> {
  const before = await req.listStored();
  const sinceVersion = before.at(-1)?.version ?? 0;
  let error: Error | undefined;
  try {
    await run();
  } catch (err) {
    error = err as Error;
  }
  const stored = await req.listStored();
  const status = (req.hr.status ??= {});
  status.history = recordReleases(status.history, stored, sinceVersion);
  return { error, changed: signature(before) !== signature(stored), stored };
}

/** `namespace/name.vN` of the newest snapshot. */
export function currentName(req: ReleaseRequest): string {
  const cur = latest(req.hr.status?.history);
  return cur ? fullReleaseName(cur) : `${req.target.namespace}/${req.target.release}`;
}
