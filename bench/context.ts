/** What every phase is handed: the bed, the harness's client, options, progress, notes. */
import type { Testbed } from '../src/testbed/testbed.js';
import type { ProgressReporter } from '../src/util/progress.js';
import type { BenchOptions } from './args.js';
import type { BenchKube } from './kube/client.js';
import {
  apiFigure,
  diffCounts,
  scrapeRequests,
  type ApiFigure,
  type RequestCounts,
  type WorkloadShape,
} from './kube/metrics.js';
import type { HelmCounter } from './ferry/helm-counter.js';

export interface BenchContext {
  bed: Testbed;
  kube: BenchKube;
  kubeconfig: string;
  options: BenchOptions;
  progress: ProgressReporter;
  /** Scratch folder of this run (logs, profiles, rendered manifests). */
  workDir: string;
  /** The packaged chart (.tgz) every contender installs. */
  chartFile: string;
  helm: HelmCounter;
  /** Whether `ferry controller` has --listen (the webhook server). */
  webhook: boolean;
  notes: string[];
}

export interface ApiWindow {
  requests: RequestCounts;
  own: Record<string, number>;
}

/** Starts counting API requests for a phase. */
export async function openWindow(ctx: BenchContext): Promise<ApiWindow> {
  return { requests: await scrapeRequests(ctx.kube.endpoint), own: ctx.kube.snapshot() };
}

/** The phase's API requests, the harness's own and the bed's subtracted. */
export async function closeWindow(
  ctx: BenchContext,
  window: ApiWindow,
  shape: WorkloadShape = { namespacesCreated: 0 },
): Promise<ApiFigure> {
  const after = await scrapeRequests(ctx.kube.endpoint);
  return apiFigure(diffCounts(window.requests, after), ctx.kube.ownSince(window.own), shape);
}
