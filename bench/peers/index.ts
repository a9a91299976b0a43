/**
 * The peers at one N, on the same apiserver as Ferry, one after the other, each in
 * fresh namespaces of its own (nothing is deleted between them, so a later peer
 * meets a slightly fuller etcd; the order is fixed: lower bound, helm ×10, helm
 * sequential, Flux).
 */
import type { BenchContext } from '../context.js';
import type { ConvergeFigure, PeerStatus, RunAtN } from '../types.js';
import { LOWER_BOUND, kubectlLowerBound } from './kubectl.js';
import { helmParallel, helmSequential } from './helm.js';
import { fluxPeer } from './flux.js';

type Peer = (ctx: BenchContext, n: number, prefix: string) => Promise<ConvergeFigure | PeerStatus>;

const PEERS: Array<[string, string, Peer]> = [
  [LOWER_BOUND, 'k', kubectlLowerBound],
  ['helm-parallel-10', 'hp', (ctx, n, prefix) => helmParallel(ctx, n, prefix)],
  ['helm-sequential', 'hs', helmSequential],
  ['flux-helm-controller', 'fx', fluxPeer],
];

/** Every peer at N; one that fails (e.g. never converges) is reported, and the run goes on. */
export async function peerFigures(ctx: BenchContext, run: RunAtN): Promise<void> {
  for (const [who, letters, peer] of PEERS) {
    try {
      const figure = await peer(ctx, run.n, `${letters}${run.n}`);
      if ('available' in figure) run.unavailable.push(figure);
      else run.peers.push(figure);
    } catch (err) {
      run.unavailable.push({ who, available: false, reason: `failed: ${(err as Error).message}` });
    }
  }
}
