/**
 * Telling "the destination cluster cannot be reached" apart from every other failure
 * (an unreachable Git or Helm repository included), so an Application on an unreachable
 * cluster reports a ConnectionError condition with Unknown health, while apps on other
 * clusters carry on. The Kubernetes client marks such failures (ServerUnreachableError).
 */
import type { Cluster } from '../kube/cluster.js';
import { ServerUnreachableError } from '../kube/errors.js';

/** The ServerUnreachableError for `server` in `err` or its `cause` chain, if any. */
export function unreachableServer(err: unknown, server: string): ServerUnreachableError | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth += 1) {
    if (e instanceof ServerUnreachableError && e.server === server) return e;
    if (e instanceof AggregateError) {
      const inner = e.errors.map((x) => unreachableServer(x, server)).find(Boolean);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The condition for a failure to reach `cluster`, or undefined when `err` is something else. */
export function connectionFailure(
  err: unknown,
  cluster: Cluster,
): { type: 'ConnectionError'; message: string } | undefined {
  const unreachable = unreachableServer(err, cluster.server);
  if (!unreachable) return undefined;
  return {
    type: 'ConnectionError',
    message: `cannot reach cluster ${cluster.name} (${cluster.server}): ${unreachable.message}`,
  };
}
