/** Command-line options of `npm run bench`, with the quick variant's defaults. */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { projectRoot } from '../src/util/paths.js';

export interface BenchOptions {
  /** Sizes to run; cold converge and the peers run at each, the rest at the largest. */
  ns: number[];
  quick: boolean;
  peers: boolean;
  /** Cold-converge repetitions of Ferry per N (median reported). */
  rounds: number;
  /** Full resyncs measured in the steady state (median reported). */
  resyncs: number;
  changes: number;
  workers: number;
  resyncSeconds: number;
  /** Sequential helm runs only this many releases and scales to N (quick mode). */
  helmSequentialSample: number;
  /** Flux dialect figures: off (neither Ferry's nor Flux's), auto (Flux's only if built), build. */
  flux: 'off' | 'auto' | 'build';
  out: string;
  /** Only re-render REPORT.md from this results-*.json (in --out); run nothing. */
  reportFrom?: string;
}

const usage = `usage: node dist/bench/run.js [--n 100[,1000]] [--quick] [--no-peers] [--rounds R]
  [--resyncs S] [--changes C] [--workers W] [--resync SECONDS] [--helm-sample K]
  [--flux off|auto|build] [--out DIR] [--report-from results-<timestamp>.json]`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer\n${usage}`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string', default: '100' },
      quick: { type: 'boolean', default: false },
      'no-peers': { type: 'boolean', default: false },
      rounds: { type: 'string' },
      resyncs: { type: 'string' },
      changes: { type: 'string' },
      workers: { type: 'string' },
      resync: { type: 'string' },
      'helm-sample': { type: 'string' },
      flux: { type: 'string' },
      out: { type: 'string' },
      'report-from': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new Error(usage);
  const ns = values.n.split(',').map((s) => positive('n', s.trim(), 100));
  const quick = values.quick;
  const largest = Math.max(...ns);
  const flux = values.flux ?? (quick ? 'off' : 'build');
  if (!['off', 'auto', 'build'].includes(flux))
    throw new Error(`--flux must be off, auto or build\n${usage}`);
  return {
    ns: [...new Set(ns)].sort((a, b) => a - b),
    quick,
    peers: !values['no-peers'],
    rounds: positive('rounds', values.rounds, quick ? 1 : 3),
    resyncs: positive('resyncs', values.resyncs, quick ? 1 : 3),
    changes: positive('changes', values.changes, quick ? 3 : 20),
    workers: positive('workers', values.workers, 4),
    resyncSeconds: positive('resync', values.resync, Math.max(quick ? 15 : 20, Math.round(largest * 0.12))),
    helmSequentialSample: positive('helm-sample', values['helm-sample'], quick ? 20 : largest),
    flux: flux as BenchOptions['flux'],
    out: values.out ?? join(projectRoot(), 'bench', 'results'),
    reportFrom: values['report-from'],
  };
}
