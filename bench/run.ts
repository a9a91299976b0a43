/**
 * `npm run bench`: Ferry against the peers on the real test bed, figures to
 * bench/results (REPORT.md and results-<timestamp>.json). See bench/README.md.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { startTestbed, type Testbed } from '../src/testbed/testbed.js';
import { progressReporter, type ProgressReporter } from '../src/util/progress.js';
import { projectRoot } from '../src/util/paths.js';
import { run } from '../src/util/exec.js';
import { parseOptions, type BenchOptions } from './args.js';
import type { BenchContext } from './context.js';
import type { BenchResults, RunAtN } from './types.js';
import { BenchKube } from './kube/client.js';
import { helmCounter } from './ferry/helm-counter.js';
import { ferryCli, installFerryCrds } from './ferry/setup.js';
import { chartDir, CHART_VERSION } from './workload/apps.js';
import { ferryFigures } from './phases/ferry.js';
import { FERRY_FLUX, ferryFluxConverge } from './phases/ferry-flux.js';
import { peerFigures } from './peers/index.js';
import { currentLoad, machineInfo } from './util/machine.js';
import { writeReport } from './report/markdown.js';
import { stopAll } from './util/cleanup.js';

/**
 * Every contender's pods stay in the cluster (Ferry's rounds, its Flux dialect, four
 * peers). A kwok node has 32 CPUs and a pod requests 50m: 640 pods per node at most.
 */
function nodeCount(options: BenchOptions): number {
  const pods = options.ns.reduce((sum, n) => sum + n * (options.rounds + 5) + 1, 0);
  return Math.max(2, Math.ceil(pods / 600));
}

async function hasWebhookServer(): Promise<boolean> {
  const { stdout } = await run(process.execPath, [ferryCli(), 'controller', '--help']);
  return stdout.includes('--listen');
}

function fluxDialectStatus(): string | undefined {
  if (!existsSync(join(projectRoot(), 'dist', 'src', 'controllers', 'flux', 'index.js'))) {
    return 'src/controllers/flux does not exist yet (being built by another engineer)';
  }
  return undefined;
}

/** Ferry's Flux dialect, when it exists; a failure is reported, not fatal (it is being built). */
async function fluxDialect(ctx: BenchContext, runAtN: RunAtN): Promise<void> {
  if (ctx.options.flux === 'off') {
    runAtN.unavailable.push({
      who: FERRY_FLUX,
      available: false,
      reason: 'skipped (--flux off; the quick variant skips the Flux dialect)',
    });
    return;
  }
  const missing = fluxDialectStatus();
  if (missing) {
    runAtN.unavailable.push({ who: FERRY_FLUX, available: false, reason: missing });
    return;
  }
  try {
    runAtN.ferryFlux = await ferryFluxConverge(ctx, runAtN.n);
  } catch (err) {
    const reason = `exists but did not converge: ${(err as Error).message}`;
    runAtN.unavailable.push({ who: FERRY_FLUX, available: false, reason });
  }
}

async function context(
  bed: Testbed,
  options: BenchOptions,
  progress: ProgressReporter,
  workDir: string,
): Promise<BenchContext> {
  const cp = bed.clusters.bench!;
  const kube = await BenchKube.connect(cp.kubeconfig, {
    server: cp.server,
    caPem: cp.caPem,
    token: cp.token,
  });
  const chart = await bed.publishChart(chartDir(), { version: CHART_VERSION });
  const ctx: BenchContext = {
    bed,
    kube,
    kubeconfig: cp.kubeconfig,
    options,
    progress,
    workDir,
    chartFile: chart.file,
    helm: helmCounter(workDir),
    webhook: await hasWebhookServer(),
    notes: [],
  };
  await installFerryCrds(ctx);
  return ctx;
}

async function measure(ctx: BenchContext, results: BenchResults): Promise<void> {
  const largest = Math.max(...ctx.options.ns);
  for (const n of ctx.options.ns) {
    const runAtN: RunAtN = { n, ferryCold: [], steady: [], change: [], peers: [], unavailable: [] };
    results.runs.push(runAtN);
    await ferryFigures(ctx, runAtN, n === largest);
    await fluxDialect(ctx, runAtN);
    if (ctx.options.peers) await peerFigures(ctx, runAtN);
  }
}

/** `--report-from`: REPORT.md (and the plot) again from a results file, nothing run. */
function rerender(options: BenchOptions, file: string): void {
  const name = basename(file);
  const results = JSON.parse(readFileSync(join(options.out, name), 'utf8')) as BenchResults;
  writeReport(options.out, results, name);
  process.stderr.write(`report written to ${join(options.out, 'REPORT.md')} from ${name}\n`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.reportFrom) return rerender(options, options.reportFrom);
  const progress = progressReporter();
  const startedAt = new Date();
  const results: BenchResults = {
    version: 1,
    startedAt: startedAt.toISOString(),
    machine: machineInfo(),
    options: { ...options },
    runs: [],
    notes: [],
  };
  mkdirSync(options.out, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'ferry-bench-'));
  const bed = await startTestbed({
    clusters: ['bench'],
    nodeCount: nodeCount(options),
    progress: (m) => progress.step(m),
  });
  const interrupted = (): void => {
    progress.done('interrupted: stopping the controllers under test and the test bed');
    void stopAll()
      .then(() => bed.stop())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let failure: Error | undefined;
  try {
    const ctx = await context(bed, options, progress, workDir);
    results.notes = ctx.notes;
    await measure(ctx, results);
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err));
    results.notes.push(`the run failed: ${failure.message}`);
  } finally {
    progress.step('stopping the test bed');
    await bed.stop();
  }
  results.finishedAt = new Date().toISOString();
  results.machine.loadAtEnd = currentLoad();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const json = `results-${stamp}.json`;
  writeFileSync(join(options.out, json), `${JSON.stringify(results, null, 2)}\n`);
  writeReport(options.out, results, json);
  progress.done(`report written to ${join(options.out, 'REPORT.md')}`);
  if (failure) {
    process.stderr.write(`scratch folder kept for the logs: ${workDir}\n`);
    throw failure;
  }
  if (!process.env.FERRY_BENCH_KEEP) rmSync(workDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
