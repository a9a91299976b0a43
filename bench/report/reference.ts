/**
 * The targets are set for N=1,000. When this run's largest N is smaller and an earlier
 * full run in the folder measured N=1,000, its figures are shown too, so the report
 * says what was measured there rather than only what is projected.
 */
import type { BenchResults, RunAtN } from '../types.js';
import { changeSection, coldSection, memorySection, profileSection, steadySection } from './sections.js';
import { findings } from './findings.js';
import { table } from './table.js';
import { targetRows } from './targets.js';

export const TARGET_N = 1000;

/** The latest earlier full run that measured N=1,000. */
export function referenceRun(earlier: BenchResults[]): { results: BenchResults; run: RunAtN } | undefined {
  const full = earlier.filter((r) => !(r.options as { quick?: boolean }).quick);
  for (const results of [...full].reverse()) {
    const run = results.runs.find((x) => x.n === TARGET_N && x.ferryCold.length > 0);
    if (run) return { results, run };
  }
  return undefined;
}

export function referenceSection(ref: { results: BenchResults; run: RunAtN }): string {
  const { results, run } = ref;
  const o = results.options as {
    rounds: number;
    resyncs: number;
    changes: number;
    helmSequentialSample: number;
  };
  const load = results.machine.loadAtStart.map((l) => l.toFixed(2)).join(' / ');
  const rows = targetRows(run, results.runs).map((t) => [t.target, t.measured, t.verdict]);
  return [
    `## Measured at N=${TARGET_N} (run of ${results.startedAt}, load average ${load} at its start)`,
    '',
    `A separate, lighter run: ${o.rounds} cold round(s), ${o.resyncs} resync(s), ${o.changes} changes, sequential helm on ${o.helmSequentialSample} releases scaled to N, Flux dialect skipped. Its raw figures are in its own results-*.json here.`,
    ...results.notes.map((n) => `- ${n}`),
    '',
    table(['target', 'measured at N=1,000', 'verdict'], rows),
    '',
    coldSection(run),
    '',
    steadySection(run),
    '',
    changeSection(run),
    '',
    memorySection(run),
    '',
    profileSection(run),
    '',
    findings(run).replace('### What holds Ferry back', `### What holds Ferry back at N=${TARGET_N}`),
  ].join('\n');
}
