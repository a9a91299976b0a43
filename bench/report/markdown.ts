/**
 * bench/results/REPORT.md (and converge.svg beside it) from the results of a run; the
 * plot also takes the points of earlier results-*.json files in the same folder, so
 * runs at several N build up one curve.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults, RunAtN } from '../types.js';
import { convergePlot, type Series } from './svg.js';
import { table } from './table.js';
import { targetRows } from './targets.js';
import {
  changeSection,
  coldSection,
  contenders,
  memorySection,
  profileSection,
  steadySection,
} from './sections.js';
import { findings } from './findings.js';
import { methodSection } from './method.js';
import { historySection } from './history.js';
import { TARGET_N, referenceRun, referenceSection } from './reference.js';

function machineLine(r: BenchResults): string {
  const m = r.machine;
  const load = (l: number[] | undefined): string => (l ? l.map((x) => x.toFixed(2)).join(' / ') : '—');
  return `**Machine:** ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB memory; load average at start ${load(m.loadAtStart)} (1/5/15 min), at end ${load(m.loadAtEnd)}; Node.js ${m.node}, Linux ${m.kernel}. The machine was **shared** with other engineers working at the same time: wall times are noisy, CPU seconds much less so.`;
}

function runLine(r: BenchResults): string {
  const o = r.options as {
    ns: number[];
    quick: boolean;
    rounds: number;
    resyncs: number;
    changes: number;
    workers: number;
    resyncSeconds: number;
    helmSequentialSample: number;
  };
  const minutes = r.finishedAt
    ? ((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 60_000).toFixed(1)
    : '?';
  return `**Run:** ${r.startedAt}, ${minutes} min; N = ${o.ns.join(', ')}${o.quick ? ' (quick)' : ''}; Ferry: ${o.rounds} cold round(s), ${o.resyncs} resync(s), ${o.changes} changes, --workers ${o.workers}, --resync ${o.resyncSeconds}s; sequential helm on ${o.helmSequentialSample} release(s) at most (scaled to N when fewer). Argo CD dialect.`;
}

function argsOf(r: BenchResults): string {
  const o = r.options as { ns: number[]; quick: boolean; peers: boolean };
  return [`--n ${o.ns.join(',')}`, o.quick ? '--quick' : '', o.peers ? '' : '--no-peers']
    .filter(Boolean)
    .join(' ');
}

function loadEarlier(out: string): BenchResults[] {
  const files = readdirSync(out)
    .filter((f) => /^results-.*\.json$/.test(f))
    .sort();
  return files.flatMap((f) => {
    try {
      return [JSON.parse(readFileSync(join(out, f), 'utf8')) as BenchResults];
    } catch {
      return [];
    }
  });
}

/** Converge time per contender and N; a later run replaces an earlier point. */
function plotSeries(all: BenchResults[]): Series[] {
  const points = new Map<string, Map<number, number>>();
  for (const r of all) {
    for (const run of r.runs) {
      for (const f of contenders(run)) {
        const byN = points.get(f.who) ?? new Map<number, number>();
        byN.set(run.n, f.wallSeconds);
        points.set(f.who, byN);
      }
    }
  }
  return [...points.entries()].map(([name, byN]) => ({
    name,
    points: [...byN.entries()].map(([n, seconds]) => ({ n, seconds })),
  }));
}

function unavailable(run: RunAtN): string {
  if (run.unavailable.length === 0) return '';
  return [
    '**Not measured:**',
    '',
    ...run.unavailable.map((u) => `- ${u.who}: ${u.reason ?? 'not available'}`),
  ].join('\n');
}

function targets(run: RunAtN, all: RunAtN[], ref: ReturnType<typeof referenceRun>): string {
  const own = targetRows(run, all);
  if (!ref) {
    return [
      `## Targets (set for N=1,000; this run's largest N is ${run.n})`,
      '',
      table(
        ['target', 'measured', 'verdict'],
        own.map((t) => [t.target, t.measured, t.verdict]),
      ),
    ].join('\n');
  }
  const at1000 = new Map(targetRows(ref.run, ref.results.runs).map((t) => [t.target, t]));
  const rows = own.map((t) => {
    const m = at1000.get(t.target);
    return [t.target, `${t.measured} — ${t.verdict}`, m?.measured ?? '—', m?.verdict ?? '—'];
  });
  return [
    `## Targets (set for N=1,000)`,
    '',
    `Verdicts at N=${TARGET_N} come from the run of ${ref.results.startedAt} (section "Measured at N=${TARGET_N}" below); this run's largest N is ${run.n}, and its figures are projected where they need N=1,000.`,
    '',
    table(['target', `this run, N=${run.n}`, `measured at N=${TARGET_N}`, `verdict at N=${TARGET_N}`], rows),
  ].join('\n');
}

export function writeReport(out: string, results: BenchResults, jsonFile: string): void {
  const largest = [...results.runs].sort((a, b) => b.n - a.n)[0];
  const earlier = loadEarlier(out).filter((r) => r.startedAt !== results.startedAt);
  // Quick runs (one round, profiled) only join the plot when this run is quick too.
  const plotted = earlier.filter(
    (r) => (r.options as { quick?: boolean }).quick === (results.options as { quick?: boolean }).quick,
  );
  const series = plotSeries([...plotted, results]);
  if (series.length > 0)
    writeFileSync(
      join(out, 'converge.svg'),
      convergePlot(series, 'Cold converge time vs N (lower is better)'),
    );
  const parts = ['# Ferry benchmark report', '', machineLine(results), '', runLine(results), ''];
  parts.push(
    `**Raw figures:** \`${jsonFile}\` beside this file (git-ignored). Reproduce: \`npm run bench -- ${argsOf(results)}\`.`,
    '',
  );
  if (results.notes.length > 0)
    parts.push('**Notes from the run:**', '', ...results.notes.map((n) => `- ${n}`), '');
  const ref = largest && largest.n < TARGET_N ? referenceRun(earlier) : undefined;
  if (largest) parts.push(targets(largest, results.runs, ref), '', unavailable(largest), '');
  parts.push('## Figures', '');
  for (const run of results.runs) parts.push(coldSection(run), '');
  if (largest) {
    parts.push(
      steadySection(largest),
      '',
      changeSection(largest),
      '',
      memorySection(largest),
      '',
      profileSection(largest),
      '',
      findings(largest),
      '',
    );
  }
  if (series.length > 0)
    parts.push(
      '## Converge time vs N',
      '',
      '![converge time vs N](converge.svg)',
      '',
      `Points: this run and earlier ${(results.options as { quick?: boolean }).quick ? 'quick' : 'full'} runs in this folder (results-*.json, latest per N). Ferry at its median round.`,
      '',
    );
  if (ref) parts.push(referenceSection(ref), '');
  const history = [...earlier, results].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  parts.push(historySection(history), '');
  parts.push(methodSection(), '');
  writeFileSync(
    join(out, 'REPORT.md'),
    `${parts.filter((p, i, a) => !(p === '' && a[i - 1] === '')).join('\n')}\n`,
  );
}
