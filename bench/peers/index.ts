/**
 * The peers at one N, on the same apiserver as Ferry, one after the other, each in
 * fresh namespaces of its own (nothing is deleted between them, so a later peer
 * meets a slightly fuller etcd; the order is fixed: lower bound, helm ×10, helm
 * sequential, Flux).
 */
import type { BenchContext } from '../context.js';
import type { RunAtN } from '../types.js';
import { kubectlLowerBound } from './kubectl.js';
import { helmParallel, helmSequential } from './helm.js';
import { fluxPeer } from './flux.js';

export async function peerFigures(ctx: BenchContext, run: RunAtN): Promise<void> {
  const n = run.n;
  run.peers.push(await kubectlLowerBound(ctx, n, `k${n}`));
  run.peers.push(await helmParallel(ctx, n, `hp${n}`));
  run.peers.push(await helmSequential(ctx, n, `hs${n}`));
  const flux = await fluxPeer(ctx, n, `fx${n}`);
  if ('available' in flux) run.unavailable.push(flux);
  else run.peers.push(flux);
}
