/** The report's figure sections, one function each, from the raw results. */
import type { ConvergeFigure, RunAtN } from '../types.js';
import { fmt, fmtRatio, median, ratio } from '../util/stats.js';
import { LOWER_BOUND } from '../peers/kubectl.js';
import type { ProfileSummary } from './profile.js';
import { table, verbs } from './table.js';

/** Ferry's median round, Ferry's Flux dialect, then every peer, in a fixed order. */
export function contenders(run: RunAtN): ConvergeFigure[] {
  const flux = run.ferryFlux ? [run.ferryFlux] : [];
  if (run.ferryCold.length === 0) return [...flux, ...run.peers];
  const sorted = [...run.ferryCold].sort((a, b) => a.wallSeconds - b.wallSeconds);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return [{ ...mid, wallSeconds: median(run.ferryCold.map((f) => f.wallSeconds)) }, ...flux, ...run.peers];
}

function cpuCell(f: ConvergeFigure): string {
  if (f.cpuSeconds === undefined) return '—';
  return f.childCpuSeconds ? `${fmt(f.cpuSeconds)} + ${fmt(f.childCpuSeconds)} children` : fmt(f.cpuSeconds);
}

export function coldSection(run: RunAtN): string {
  const all = contenders(run);
  const bound = all.find((f) => f.who === LOWER_BOUND);
  const rows = all.map((f) => [
    f.who,
    fmt(f.wallSeconds),
    fmt(f.appliedSeconds),
    fmtRatio(ratio(f.wallSeconds, bound?.wallSeconds)),
    cpuCell(f),
    fmt(f.peakRssMiB, 0),
    String(f.api.attributedTotal),
    fmt(f.api.attributedTotal / f.n, 1),
    verbs(f.api.attributed),
  ]);
  const rounds = run.ferryCold.map((f) => fmt(f.wallSeconds)).join(', ');
  return [
    `### Cold converge at N=${run.n}`,
    '',
    table(
      [
        'contender',
        'wall s',
        'applied s',
        '× lower bound',
        'CPU s',
        'peak RSS MiB',
        'API requests',
        'per app',
        'by verb',
      ],
      rows,
    ),
    '',
    `Ferry: median of ${run.ferryCold.length} round(s) (${rounds} s); ${run.ferryCold.map((f) => f.note).join('; ')}.`,
    ...run.ferryCold
      .filter((f) => f.ownRequests)
      .map((f) => `Ferry’s own count (${f.note?.split(';')[0]}): ${verbs(f.ownRequests ?? {})}.`),
    ...run.peers.filter((p) => p.note).map((p) => `${p.who}: ${p.note}.`),
    '',
    '**Ratios (row ÷ column), wall time:**',
    '',
    ratioMatrix(all, (f) => f.wallSeconds),
    '',
    '**Ratios (row ÷ column), API requests:**',
    '',
    ratioMatrix(all, (f) => f.api.attributedTotal / f.n),
    '',
    '**Ratios (row ÷ column), CPU seconds (own + children):**',
    '',
    ratioMatrix(all, (f) =>
      f.cpuSeconds === undefined ? Number.NaN : f.cpuSeconds + (f.childCpuSeconds ?? 0),
    ),
    '',
    '**Ratios (row ÷ column), peak RSS (long-running controllers only):**',
    '',
    ratioMatrix(
      all.filter((f) => f.peakRssMiB !== undefined),
      (f) => f.peakRssMiB ?? Number.NaN,
    ),
  ].join('\n');
}

function ratioMatrix(all: ConvergeFigure[], value: (f: ConvergeFigure) => number): string {
  const rows = all.map((row) => [row.who, ...all.map((col) => fmtRatio(ratio(value(row), value(col))))]);
  return table(['', ...all.map((f) => `÷ ${f.who}`)], rows);
}

export function steadySection(run: RunAtN): string {
  if (run.steady.length === 0) return '';
  const rows = run.steady.map((s, i) => [
    String(i + 1),
    fmt(s.wallSeconds),
    fmt(s.batchCpuSeconds),
    fmt(s.cpuSeconds + s.childCpuSeconds),
    String(s.reconciles),
    String(s.renders),
    String(s.api.writes),
    String(s.api.dryRuns),
    verbs(s.api.attributed),
    s.ownRequests ? verbs(s.ownRequests) : '—',
  ]);
  return [
    `### Steady state at N=${run.n} (one full periodic resync, --resync)`,
    '',
    table(
      [
        'resync',
        'wall s',
        'CPU s (batch)',
        'CPU s (window)',
        'reconciles',
        'renders',
        'writes (apiserver)',
        'dry runs',
        'API requests by verb (apiserver, attributed)',
        'Ferry’s own count by method',
      ],
      rows,
    ),
    '',
    'Writes (apiserver) = attributed non-dry-run POST/PUT/PATCH/APPLY/DELETE in the window; Ferry’s own count comes from its /metrics (`ferry_kube_requests_total`, HTTP methods, watches excluded; a dry-run apply is a PATCH there). Batch = first reconcile start to last reconcile end of the resync; window = from the quiet controller before it to the quiet controller after it (idle time included). Peers have no steady state of their own to compare: nothing re-checks a `helm upgrade` or a `kubectl apply` later.',
  ].join('\n');
}

export function changeSection(run: RunAtN): string {
  if (run.change.length === 0) return '';
  const rows = run.change.map((c) => [
    c.trigger,
    String(c.samplesSeconds.length),
    fmt(c.p50, 3),
    fmt(c.p95, 3),
    c.samplesSeconds.map((s) => s.toFixed(2)).join(', '),
  ]);
  return [
    `### Change latency at N=${run.n} (push → changed ConfigMap in the cluster)`,
    '',
    table(['announced by', 'changes', 'p50 s', 'p95 s', 'samples s'], rows),
    '',
    ...run.change.map((c) => `- ${c.trigger}: ${c.note}.`),
    '',
    'The N apps of the steady state stay under management meanwhile. Changes are spaced by 3.5 s (Ferry skips a git fetch within 3 s of the previous one). No peer has a push-to-cluster path to compare (helm and kubectl are run by hand).',
  ].join('\n');
}

export function memorySection(run: RunAtN): string {
  const m = run.memory;
  if (!m) return '';
  return [
    `### Memory at N=${run.n}`,
    '',
    table(
      ['peak RSS MiB', 'RSS / N MiB', 'idle controller RSS MiB', '(peak − idle) / N MiB'],
      [[fmt(m.peakRssMiB, 1), fmt(m.perAppMiB, 3), fmt(m.idleRssMiB, 1), fmt(m.marginalPerAppMiB, 3)]],
    ),
    '',
    'Peak = VmHWM of the controller process after cold converge, steady state and change latency (helm children not included: they are short-lived). Idle = VmRSS of a controller with no Applications, 3 s after start.',
  ].join('\n');
}

function profileTable(p: ProfileSummary, what: 'areas' | 'functions'): string {
  const rows = p[what].map((e) => [e.name, fmt(e.selfMs, 0), `${(e.share * 100).toFixed(1)} %`]);
  return table([what === 'areas' ? 'area' : 'function', 'self ms', 'share of busy'], rows);
}

export function profileSection(run: RunAtN): string {
  const p = run.profile;
  if (!p) return '';
  const part = (title: string, s: ProfileSummary | undefined): string[] =>
    s
      ? [
          `#### ${title}: ${fmt(s.busyMs / 1000)} s busy, ${fmt(s.idleMs / 1000)} s idle on the main thread`,
          '',
          profileTable(s, 'areas'),
          '',
          profileTable(s, 'functions'),
          '',
        ]
      : [];
  return [
    `### CPU profile of the controller at N=${run.n} (\`node --cpu-prof\`, 1 ms sampling, self time)`,
    '',
    ...part('Cold converge (controller start → all Synced+Healthy)', p.cold),
    ...part('Steady state (the resync windows)', p.steady),
    'Self time of the Node.js main thread only: helm runs as child processes (their CPU is in the "children" column above, not here).',
  ].join('\n');
}
