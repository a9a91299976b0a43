/**
 * Every run kept in the results folder, one row per run and N, so the report shows how
 * the figures move from run to run (and a full run's smaller N stay visible after a
 * later run at a larger N).
 */
import type { BenchResults } from '../types.js';
import { fmt, ratio } from '../util/stats.js';
import { LOWER_BOUND } from '../peers/kubectl.js';
import { contenders } from './sections.js';
import { table } from './table.js';

function wall(list: ReturnType<typeof contenders>, who: string): number | undefined {
  return list.find((f) => f.who === who)?.wallSeconds;
}

export function historySection(all: BenchResults[]): string {
  const rows: string[][] = [];
  for (const r of all) {
    const quick = (r.options as { quick?: boolean }).quick ? ' (quick)' : '';
    for (const run of r.runs) {
      const list = contenders(run);
      const ferry = run.ferryCold.length > 0 ? list[0]?.wallSeconds : undefined;
      const bound = wall(list, LOWER_BOUND);
      rows.push([
        `${r.startedAt.slice(0, 16).replace('T', ' ')}${quick}`,
        String(run.n),
        r.machine.loadAtStart[0]?.toFixed(1) ?? '—',
        fmt(ferry, 1),
        fmt(bound, 1),
        `${fmt(ratio(ferry, bound))}×`,
        fmt(wall(list, 'helm-parallel-10'), 1),
        fmt(wall(list, 'helm-sequential'), 1),
        fmt(run.ferryFlux?.wallSeconds, 1),
        fmt(wall(list, 'flux-helm-controller'), 1),
        fmt(run.steady[0]?.batchCpuSeconds),
        fmt(run.memory?.peakRssMiB, 0),
      ]);
    }
  }
  if (rows.length === 0) return '';
  return [
    '## Runs in this folder (cold converge wall s)',
    '',
    table(
      [
        'run (UTC)',
        'N',
        'load',
        'ferry',
        'kubectl',
        'ferry ÷ kubectl',
        'helm ×10',
        'helm seq',
        'ferry Flux dialect',
        'flux helm-controller',
        'resync CPU s',
        'peak RSS MiB',
      ],
      rows,
    ),
  ].join('\n');
}
