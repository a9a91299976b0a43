/**
 * Flux's cross-namespace rule for ImagePolicy → ImageRepository: the same namespace is
 * always allowed; another namespace only when the repository's `accessFrom` has a
 * namespace selector matching the policy's namespace labels.
 */
import type { ImagePolicy, ImageRepository } from '../../api/image/index.js';
import type { Cluster } from '../../kube/cluster.js';

/** Undefined when allowed; otherwise why not. */
export async function repositoryAccess(
  home: Cluster,
  policy: ImagePolicy,
  repo: ImageRepository,
): Promise<string | undefined> {
  const from = policy.metadata.namespace ?? 'default';
  if (repo.metadata.namespace === from) return undefined;
  const selectors = repo.spec.accessFrom?.namespaceSelectors;
  const where = `ImageRepository '${repo.metadata.namespace}/${repo.metadata.name}'`;
  if (!selectors?.length)
    return `access denied: ${where} does not allow access from namespace '${from}' (spec.accessFrom)`;
  const ns = await home.get({ apiVersion: 'v1', kind: 'Namespace', name: from });
  const labels = ns?.metadata.labels ?? {};
  const allowed = selectors.some((s) =>
    Object.entries(s.matchLabels ?? {}).every(([k, v]) => labels[k] === v),
  );
  return allowed ? undefined : `access denied: namespace '${from}' does not match the accessFrom of ${where}`;
}
