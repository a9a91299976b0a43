/**
 * The source a Kustomization builds from: its GitRepository or OCIRepository (namespace
 * defaults to the Kustomization's), Ready, with an artifact on this disk. Anything else is
 * an ArtifactFailed, as kustomize-controller reports it.
 */
import { SOURCE_API_VERSION, type Artifact, type Kustomization } from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import { artifactDir } from '../artifacts.js';
import { getCondition } from '../conditions.js';
import { ArtifactNotOnDiskError, KsReason, KustomizationStepError } from './errors.js';

export interface ResolvedSource {
  kind: string;
  namespace: string;
  name: string;
  artifact: Artifact;
  dir: string;
}

export function sourceKey(ks: Kustomization): { kind: string; namespace: string; name: string } {
  // Objects seen by the watch are not validated yet: a missing sourceRef matches nothing.
  const ref = ks.spec.sourceRef ?? { kind: '', name: '' };
  return { kind: ref.kind, namespace: ref.namespace ?? ks.metadata.namespace ?? 'default', name: ref.name };
}

export async function resolveSource(home: Cluster, ks: Kustomization): Promise<ResolvedSource> {
  const key = sourceKey(ks);
  const what = `${key.kind} '${key.namespace}/${key.name}'`;
  const source = (await home.get({ apiVersion: SOURCE_API_VERSION, ...key })) as
    { status?: { artifact?: Artifact; conditions?: [] } } | undefined;
  if (!source) throw new KustomizationStepError(KsReason.ArtifactFailed, `${what} not found`);
  const artifact = source.status?.artifact;
  if (!artifact) {
    const ready = getCondition(source, 'Ready');
    const why = ready?.status === 'False' ? `: ${ready.message}` : '';
    throw new KustomizationStepError(KsReason.ArtifactFailed, `${what} is not ready, no artifact${why}`);
  }
  const dir = artifactDir(artifact);
  if (!dir) {
    throw new ArtifactNotOnDiskError(
      key,
      `artifact of ${what} at revision '${artifact.revision}' is not on this disk yet: fetching it again`,
    );
  }
  return { ...key, artifact, dir };
}
