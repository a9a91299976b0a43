/**
 * Health of what a Kustomization applied: `wait: true` waits for every applied object,
 * `healthChecks` for the listed ones, until they are Healthy by Ferry's health rules (the
 * engine's; HelmReleases and other Flux objects by their Ready condition) or `timeout`
 * passes. Objects without a health notion (ConfigMaps, …) count as healthy.
 */
import type { HealthCheckReference, Kustomization } from '../../../api/flux/index.js';
import type { KubeObject } from '../../../kube/object.js';
import type { Cluster } from '../../../kube/cluster.js';
import { waitForHealthy } from '../../../engine/wait.js';
import { KsReason, KustomizationStepError } from './errors.js';

/** The objects to wait for: all applied ones with `wait`, else the health checks (found among them when apiVersion is left out). */
export function healthTargets(ks: Kustomization, applied: KubeObject[]): KubeObject[] {
  if (ks.spec.wait) return applied;
  return (ks.spec.healthChecks ?? []).map((check: HealthCheckReference) => {
    const namespace = check.namespace ?? ks.metadata.namespace;
    const match = applied.find(
      (o) =>
        o.kind === check.kind &&
        o.metadata.name === check.name &&
        (o.metadata.namespace ?? '') === (check.namespace ?? o.metadata.namespace ?? ''),
    );
    if (match && !check.apiVersion) return match;
    return {
      apiVersion: check.apiVersion ?? match?.apiVersion ?? 'v1',
      kind: check.kind,
      metadata: { name: check.name, namespace },
    };
  });
}

/** Resolves with how long it took; throws HealthCheckFailed past the timeout or on a Degraded object. */
export async function checkHealth(
  cluster: Cluster,
  targets: KubeObject[],
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  const problem = await waitForHealthy(cluster, targets, timeoutMs);
  const took = Date.now() - started;
  if (problem) {
    throw new KustomizationStepError(
      KsReason.HealthCheckFailed,
      `health check failed after ${(took / 1000).toFixed(1)}s: ${problem}`,
    );
  }
  return took;
}
