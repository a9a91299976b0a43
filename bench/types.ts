/** The raw figures, as written to results-<timestamp>.json and read back for the plot. */
import type { ApiFigure } from './kube/metrics.js';
import type { MachineInfo } from './util/machine.js';
import type { ProfileSummary } from './report/profile.js';

export interface ConvergeFigure {
  /** ferry, kubectl-apply, helm-sequential, helm-parallel-10, flux-helm-controller */
  who: string;
  n: number;
  wallSeconds: number;
  /** CPU of the tool's own process(es); undefined for CLIs we do not sample. */
  cpuSeconds?: number;
  /** CPU of children it waited for (helm, git), included in nothing else. */
  childCpuSeconds?: number;
  peakRssMiB?: number;
  api: ApiFigure;
  /** helm template runs (Ferry) */
  renders?: number;
  /**
   * When the contender's own part was done: Ferry's apps all Synced (health may still
   * be progressing); a peer's commands returned. The rest is the bed rolling out.
   */
  appliedSeconds?: number;
  /** Ferry: process start → "ferry controller started" (Node start-up, CRD install). */
  startupSeconds?: number;
  reconciles?: number;
  /** Ferry's own count of its requests (its /metrics), by HTTP method; watches not included. */
  ownRequests?: Record<string, number>;
  note?: string;
}

export interface SteadyFigure {
  n: number;
  /** First reconcile start to last reconcile end of the resync batch. */
  wallSeconds: number;
  /** Controller CPU (incl. children) from the batch's first reconcile start to its last end. */
  batchCpuSeconds: number;
  /** Controller CPU over the whole window (idle time around the batch included). */
  cpuSeconds: number;
  childCpuSeconds: number;
  reconciles: number;
  renders: number;
  api: ApiFigure;
  /** Ferry's own count of its requests (its /metrics), by HTTP method. */
  ownRequests?: Record<string, number>;
}

export interface ChangeFigure {
  trigger: 'webhook' | 'annotation' | 'poll';
  samplesSeconds: number[];
  p50: number;
  p95: number;
  note: string;
}

export interface MemoryFigure {
  n: number;
  /** Peak RSS of the controller over cold converge and steady state. */
  peakRssMiB: number;
  perAppMiB: number;
  /** RSS of a controller with no apps, a few seconds after start. */
  idleRssMiB?: number;
  /** (peak − idle) / N */
  marginalPerAppMiB?: number;
}

export interface PeerStatus {
  who: string;
  available: boolean;
  reason?: string;
}

export interface RunAtN {
  n: number;
  ferryCold: ConvergeFigure[];
  /** Ferry's Flux dialect on the same HelmReleases Flux's helm-controller gets. */
  ferryFlux?: ConvergeFigure;
  steady: SteadyFigure[];
  change: ChangeFigure[];
  memory?: MemoryFigure;
  peers: ConvergeFigure[];
  unavailable: PeerStatus[];
  profile?: { cold?: ProfileSummary; steady?: ProfileSummary; file: string };
}

export interface BenchResults {
  version: 1;
  startedAt: string;
  finishedAt?: string;
  machine: MachineInfo;
  options: Record<string, unknown>;
  runs: RunAtN[];
  notes: string[];
}
