/**
 * One Ferry contender's control namespace (CRDs installed once by Ferry's own
 * `ferry install`), then N Applications written before the controller starts (so the
 * cold converge starts from a cluster that already holds the whole desired state).
 */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { run } from '../../src/util/exec.js';
import { projectRoot } from '../../src/util/paths.js';
import type { BenchContext } from '../context.js';
import { releases, type Release } from '../workload/apps.js';
import { argocdSecret, helmApplication, repositorySecret } from '../workload/argo.js';
import { CHANGE_REPO } from '../workload/git-app.js';
import { pool } from '../util/time.js';
import { FerryProcess } from './process.js';
import { freePort } from '../../src/testbed/ports.js';

export interface FerryRound {
  label: string;
  /** Control namespace (`-N`): each round its own, so rounds never share Applications. */
  controlNamespace: string;
  /** Destination namespaces are `${prefix}-NNNN`. */
  prefix: string;
  releases: Release[];
  webhookSecret: string;
}

export function ferryRound(n: number, label: string): FerryRound {
  return {
    label,
    controlNamespace: `ctl-${label}`,
    prefix: label,
    releases: releases(n, label),
    webhookSecret: randomBytes(16).toString('hex'),
  };
}

export function ferryCli(): string {
  return join(projectRoot(), 'dist', 'src', 'cli', 'main.js');
}

/** Ferry's own `ferry install`: its CRDs (once per run; every controller re-applies them at start). */
export async function installFerryCrds(ctx: BenchContext): Promise<void> {
  await run(process.execPath, [ferryCli(), 'install', '--kubeconfig', ctx.kubeconfig, '-N', 'ctl-install']);
  await ctx.kube.rediscover([['argoproj.io/v1alpha1', 'Application']]);
}

/** Creates the round's control namespace and Secrets, then writes its Applications. */
export async function prepareRound(ctx: BenchContext, round: FerryRound): Promise<void> {
  await ctx.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: round.controlNamespace } });
  await ctx.kube.apply(argocdSecret(round.controlNamespace, round.webhookSecret));
  // Credentials for the change-latency app's repository, there before the controller
  // starts (Ferry re-reads repository Secrets only every few seconds).
  const { git } = ctx.bed;
  const url = git.cloneUrl(CHANGE_REPO, false);
  await ctx.kube.apply(
    repositorySecret(round.controlNamespace, { url, username: git.username, password: git.password }),
  );
  const repo = ctx.bed.chartRepo.url;
  await pool(round.releases, 8, async (r) => {
    await ctx.kube.apply(helmApplication(r, round.controlNamespace, repo));
  });
}

/** Starts `ferry controller` for the round (with a CPU profile when asked). */
export async function startController(
  ctx: BenchContext,
  round: FerryRound,
  profile: boolean,
): Promise<FerryProcess> {
  const dir = ctx.workDir;
  return new FerryProcess({
    kubeconfig: ctx.kubeconfig,
    namespace: round.controlNamespace,
    workers: ctx.options.workers,
    resync: `${ctx.options.resyncSeconds}s`,
    logFile: join(dir, `ferry-${round.label}.log`),
    helm: ctx.helm.wrapper,
    cpuProfDir: profile ? join(dir, `profile-${round.label}`) : undefined,
    listen: ctx.webhook ? `127.0.0.1:${await freePort()}` : undefined,
    cacheDir: join(dir, `cache-${round.label}`),
  });
}
