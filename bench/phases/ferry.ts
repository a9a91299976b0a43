/**
 * Ferry's figures at one N: cold converge (several rounds, each in fresh namespaces
 * with a fresh controller and cache), and on the last round's controller, which runs
 * with a CPU profile, the steady state, memory and change latency.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../context.js';
import type { RunAtN } from '../types.js';
import { ferryRound, type FerryRound } from '../ferry/setup.js';
import type { FerryProcess } from '../ferry/process.js';
import { summariseProfile } from '../report/profile.js';
import { ferryColdConverge } from './ferry-cold.js';
import { ferrySteadyResync } from './ferry-steady.js';
import { changeTarget, changeTrigger, ferryChangeLatency } from './ferry-change.js';
import { ferryIdleRss } from './ferry-idle.js';
import { now } from '../util/time.js';

const POLL_SAMPLES = 3;

async function afterConverge(
  ctx: BenchContext,
  run: RunAtN,
  round: FerryRound,
  ferry: FerryProcess,
): Promise<{ steadyFrom: number; steadyTo: number }> {
  const steadyFrom = now() - ferry.startedAt;
  for (let s = 1; s <= ctx.options.resyncs; s++) run.steady.push(await ferrySteadyResync(ctx, ferry, run.n));
  const steadyTo = now() - ferry.startedAt;
  const target = await changeTarget(ctx, round);
  const secret = round.webhookSecret;
  run.change.push(
    await ferryChangeLatency(ctx, ferry, target, {
      trigger: changeTrigger(ctx),
      count: ctx.options.changes,
      secret,
    }),
  );
  if (!ctx.options.quick && !ctx.webhook) {
    run.change.push(
      await ferryChangeLatency(ctx, ferry, target, { trigger: 'poll', count: POLL_SAMPLES, secret }),
    );
  }
  return { steadyFrom, steadyTo };
}

function profileFile(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  return file && join(dir, file);
}

export async function ferryFigures(ctx: BenchContext, run: RunAtN, largest: boolean): Promise<void> {
  const rounds = ctx.options.rounds;
  const idleRss = largest ? await ferryIdleRss(ctx) : undefined;
  for (let r = 1; r <= rounds; r++) {
    const last = r === rounds && largest;
    const round = ferryRound(run.n, `f${run.n}r${r}`);
    const cold = await ferryColdConverge(ctx, round, last);
    run.ferryCold.push(cold.figure);
    if (!last) {
      await cold.ferry.stop();
      continue;
    }
    const windows = await afterConverge(ctx, run, round, cold.ferry);
    const peak = cold.ferry.usage()?.peakRssMiB ?? cold.figure.peakRssMiB ?? 0;
    run.memory = {
      n: run.n,
      peakRssMiB: peak,
      perAppMiB: peak / run.n,
      idleRssMiB: idleRss,
      marginalPerAppMiB: idleRss === undefined ? undefined : (peak - idleRss) / run.n,
    };
    ctx.progress.step('ferry: stopping the controller (writing its CPU profile)');
    await cold.ferry.stop();
    if (cold.ferry.forcedExit) {
      ctx.notes.push(
        '`ferry controller` logged "stopping" on SIGTERM but had not exited 10 s later; the harness ended it (process.exit) so the CPU profile could be written.',
      );
    }
    const file = profileFile(join(ctx.workDir, `profile-${round.label}`));
    if (file) {
      run.profile = {
        file,
        cold: summariseProfile(file, { fromMs: 0, toMs: cold.convergedAfterMs }),
        steady: summariseProfile(file, { fromMs: windows.steadyFrom, toMs: windows.steadyTo }),
      };
    } else ctx.notes.push('the controller wrote no CPU profile (it did not exit cleanly on SIGTERM)');
  }
}
