/**
 * The issue's targets (set for N=1000, Argo CD dialect, this 2-core machine) checked
 * against the run: met or not, by how much, and whether the figure was measured at
 * N=1000 or projected from a smaller N (say which).
 */
import type { ConvergeFigure, RunAtN, SteadyFigure } from '../types.js';
import { fmt, linearFit, median, ratio } from '../util/stats.js';
import { LOWER_BOUND } from '../peers/kubectl.js';

export interface TargetRow {
  target: string;
  measured: string;
  verdict: string;
}

export function medianWall(figures: ConvergeFigure[]): number {
  return median(figures.map((f) => f.wallSeconds));
}

function peer(run: RunAtN, who: string): ConvergeFigure | undefined {
  return run.peers.find((p) => p.who === who);
}

function verdict(ok: boolean | undefined, miss: string): string {
  if (ok === undefined) return 'not measured';
  return ok ? 'met' : `missed: ${miss}`;
}

function convergeTargets(run: RunAtN): TargetRow[] {
  const ferry = medianWall(run.ferryCold);
  const bound = peer(run, LOWER_BOUND)?.wallSeconds;
  const seq = peer(run, 'helm-sequential')?.wallSeconds;
  const toBound = ratio(ferry, bound);
  const speedup = ratio(seq, ferry);
  return [
    {
      target: 'cold converge ≤ 2× the kubectl lower bound',
      measured: `${fmt(toBound)}× (${fmt(ferry, 1)} s vs ${fmt(bound, 1)} s)`,
      verdict: verdict(
        Number.isNaN(toBound) ? undefined : toBound <= 2,
        `${fmt(toBound / 2)}× the target (${fmt(ferry - 2 * (bound ?? 0), 1)} s over)`,
      ),
    },
    {
      target: 'cold converge ≥ 5× faster than sequential helm',
      measured: `${speedup >= 1 ? `${fmt(speedup)}× faster` : `${fmt(1 / speedup)}× slower`} (helm ${fmt(seq, 1)} s, Ferry ${fmt(ferry, 1)} s)`,
      verdict: verdict(Number.isNaN(speedup) ? undefined : speedup >= 5, `${fmt(5 / speedup)}× short of it`),
    },
  ];
}

/**
 * Writes by Ferry's own request count: POST, PUT and DELETE, plus the PATCHes beyond the
 * dry runs the apiserver saw (a dry-run apply is a PATCH too). NaN without the count.
 */
export function ownWrites(s: SteadyFigure): number {
  const own = s.ownRequests;
  if (!own) return Number.NaN;
  const plain = (own.POST ?? 0) + (own.PUT ?? 0) + (own.DELETE ?? 0);
  return plain + Math.max(0, (own.PATCH ?? 0) - s.api.dryRuns);
}

function steadyTargets(run: RunAtN): TargetRow[] {
  if (run.steady.length === 0) return [];
  const cpu = median(run.steady.map((s) => s.batchCpuSeconds));
  const scale = 1000 / run.n;
  const projected = cpu * scale;
  const writes = Math.max(...run.steady.map((s) => s.api.writes));
  const own = Math.max(...run.steady.map(ownWrites));
  const renders = Math.max(...run.steady.map((s) => s.renders));
  const at = run.n === 1000 ? '' : ` (${fmt(cpu)} CPU-s at N=${run.n}, ×${fmt(scale, 1)} projected linearly)`;
  return [
    {
      target: 'steady-state resync of 1,000 apps ≤ 5 CPU-s',
      measured: `${fmt(projected)} CPU-s${at}`,
      verdict: verdict(projected <= 5, `${fmt(projected / 5)}× the target`),
    },
    {
      target: 'steady state: zero API writes',
      measured: Number.isNaN(own)
        ? `${writes} (apiserver, attributed)`
        : `${own} by Ferry's own count; ${writes} attributed by the apiserver's`,
      verdict: Number.isNaN(own)
        ? verdict(writes === 0, `${writes} writes`)
        : verdict(own === 0, `${own} writes`),
    },
    {
      target: 'steady state: zero renders',
      measured: String(renders),
      verdict: verdict(renders === 0, `${renders} renders`),
    },
  ];
}

function changeTargets(run: RunAtN): TargetRow[] {
  const main = run.change[0];
  if (!main) return [];
  const via = main.trigger === 'webhook' ? 'webhook' : `${main.trigger} (no webhook)`;
  return [
    {
      target: 'change latency p50 ≤ 1 s with the webhook',
      measured: `p50 ${fmt(main.p50)} s, p95 ${fmt(main.p95)} s via ${via}, ${main.samplesSeconds.length} changes`,
      verdict: verdict(
        main.trigger === 'webhook' ? main.p50 <= 1 : undefined,
        `${fmt(main.p50 / 1)}× the target`,
      ),
    },
  ];
}

/** Peak RSS at N=1000: measured, or a line through the median cold-converge peaks per N. */
function memoryProjection(run: RunAtN, all: RunAtN[]): { mib: number; how: string } | undefined {
  const m = run.memory;
  if (!m) return undefined;
  if (run.n === 1000) return { mib: m.peakRssMiB, how: '' };
  const points = all
    .filter((r) => r.ferryCold.length > 0)
    .map((r) => ({ x: r.n, y: median(r.ferryCold.map((f) => f.peakRssMiB ?? Number.NaN)) }));
  const fit = points.length >= 2 ? linearFit(points) : undefined;
  if (fit) {
    const ns = points.map((p) => p.x).join(', ');
    return {
      mib: fit.intercept + 1000 * fit.slope,
      how: ` (projected: line through the median cold-converge peak at N = ${ns}: ${fmt(fit.intercept, 0)} MiB + ${fmt(fit.slope, 3)} MiB per app)`,
    };
  }
  if (run.n < 100 || m.idleRssMiB === undefined) return undefined;
  return {
    mib: m.idleRssMiB + 1000 * (m.marginalPerAppMiB ?? 0),
    how: ` (projected: idle ${fmt(m.idleRssMiB, 0)} MiB + 1,000 × ${fmt(m.marginalPerAppMiB, 3)} MiB per app at N=${run.n})`,
  };
}

function memoryTargets(run: RunAtN, all: RunAtN[]): TargetRow[] {
  const target = 'peak RSS ≤ 300 MiB at N=1,000';
  const p = memoryProjection(run, all);
  if (!p) {
    const measured = run.memory ? `${fmt(run.memory.peakRssMiB, 0)} MiB at N=${run.n}` : '—';
    return [
      { target, measured, verdict: 'not projected (one N below 100 says little about growth per app)' },
    ];
  }
  return [
    {
      target,
      measured: `${fmt(p.mib, 0)} MiB${p.how}`,
      verdict: verdict(p.mib <= 300, `${fmt(p.mib - 300, 0)} MiB over`),
    },
  ];
}

/** The targets at the run's largest N (`run`), with every N of the run for projections. */
export function targetRows(run: RunAtN, all: RunAtN[]): TargetRow[] {
  return [...convergeTargets(run), ...steadyTargets(run), ...changeTargets(run), ...memoryTargets(run, all)];
}
