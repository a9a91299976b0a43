/**
 * Ferry under test, as its own process: `node dist/src/cli/main.js controller`, so
 * its CPU and memory can be read from /proc. Its log lines are followed to count
 * reconciles (the controller logs each one with --debug).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/util/paths.js';
import { readUsage, type ProcUsage } from '../util/proc.js';
import { now, sleep } from '../util/time.js';
import { FORCED_EXIT_MARKER } from './exit-on-term.js';
import { registerStop } from '../util/cleanup.js';

export interface FerryProcessOptions {
  kubeconfig: string;
  namespace: string;
  workers: number;
  resync: string;
  logFile: string;
  /** FERRY_HELM: the counting wrapper. */
  helm: string;
  /** Write a V8 CPU profile into this folder when the process exits. */
  cpuProfDir?: string;
  /** host:port for the webhook server, when the CLI has --listen. */
  listen?: string;
  cacheDir: string;
}

export class FerryProcess {
  /** Reconciles logged so far: when each ended (monotonic ms) and how long it took. */
  readonly reconcileLog: Array<{ end: number; ms: number }> = [];
  failures = 0;
  /** The controller did not exit by itself within 10 s of SIGTERM (see exit-on-term.ts). */
  forcedExit = false;
  /** Resolves when the controller logged that it started (CRDs installed, controllers running). */
  readonly started: Promise<void>;
  /** Monotonic time of that log line. */
  startedLoggedAt: number | undefined;
  private markStarted: () => void = () => undefined;
  lastReconcileAt = 0;
  readonly startedAt: number;
  private readonly child: ChildProcess;
  private readonly log: WriteStream;
  private readonly exited: Promise<number | null>;
  private partial = '';
  /** (time, CPU seconds incl. children) every 200 ms, to cost a stretch of the run afterwards. */
  private readonly cpuSamples: Array<{ t: number; cpu: number }> = [];
  private readonly sampler: NodeJS.Timeout;
  private readonly unregister: () => void;

  constructor(readonly options: FerryProcessOptions) {
    const cli = join(projectRoot(), 'dist', 'src', 'cli', 'main.js');
    const preload = pathToFileURL(join(projectRoot(), 'dist', 'bench', 'ferry', 'exit-on-term.js')).href;
    const nodeArgs = ['--import', preload];
    if (options.cpuProfDir)
      nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`, '--cpu-prof-interval=1000');
    const args = ['controller', '--kubeconfig', options.kubeconfig, '-N', options.namespace];
    args.push('--workers', String(options.workers), '--resync', options.resync, '--debug');
    if (options.listen) args.push('--listen', options.listen);
    this.log = createWriteStream(options.logFile, { flags: 'a' });
    this.startedAt = now();
    this.child = spawn(process.execPath, [...nodeArgs, cli, ...args], {
      env: { ...process.env, FERRY_HELM: options.helm, FERRY_CACHE_DIR: options.cacheDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(this.log);
    this.child.stderr?.on('data', (chunk: Buffer) => this.onLog(chunk));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    this.started = new Promise((resolve) => (this.markStarted = resolve));
    this.sampler = setInterval(() => this.sampleCpu(), 200);
    this.unregister = registerStop(() => this.stop());
  }

  /** CPU seconds (incl. children) used by monotonic time `t`, interpolated between samples. */
  cpuAt(t: number): number {
    const samples = this.cpuSamples;
    const after = samples.findIndex((s) => s.t >= t);
    if (after < 0) return samples.at(-1)?.cpu ?? 0;
    if (after === 0) return samples[0]!.cpu;
    const a = samples[after - 1]!;
    const b = samples[after]!;
    return a.cpu + ((b.cpu - a.cpu) * (t - a.t)) / (b.t - a.t);
  }

  get reconciles(): number {
    return this.reconcileLog.length;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  usage(): ProcUsage | undefined {
    return readUsage(this.pid);
  }

  /** Waits until no reconcile was logged for `quietMs` (at most `timeoutMs`). */
  async quiet(quietMs: number, timeoutMs: number): Promise<void> {
    const deadline = now() + timeoutMs;
    while (now() < deadline) {
      if (now() - Math.max(this.lastReconcileAt, this.startedAt) >= quietMs) return;
      await sleep(200);
    }
  }

  /** SIGTERM, and wait for exit (the CPU profile is written then); SIGKILL after `graceMs`. */
  async stop(graceMs = 30_000): Promise<number | null> {
    clearInterval(this.sampler);
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    this.log.end();
    this.unregister();
    return code;
  }

  private sampleCpu(): void {
    const u = this.usage();
    if (u) this.cpuSamples.push({ t: now(), cpu: u.cpuSeconds + u.childCpuSeconds });
  }

  private onLog(chunk: Buffer): void {
    this.log.write(chunk);
    const text = this.partial + chunk.toString();
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes(' reconciled app=')) {
        this.lastReconcileAt = now();
        const ms = Number(/ ms=(\d+)/.exec(line)?.[1] ?? 0);
        this.reconcileLog.push({ end: this.lastReconcileAt, ms });
      } else if (line.includes('reconcile failed')) this.failures += 1;
      else if (line.includes(FORCED_EXIT_MARKER)) this.forcedExit = true;
      else if (line.includes('ferry controller started')) {
        this.startedLoggedAt = now();
        this.markStarted();
      }
    }
  }
}
