/**
 * Building a Kustomization the way kustomize-controller does: a private copy of the
 * source's artifact, the path's kustomization file (generated when missing) with the
 * Kustomization's settings laid over it, the real `kustomize build`, then postBuild
 * substitution and Flux's labels. Every failure is a BuildFailed (or ArtifactFailed for a
 * path that is not there) with kustomize's own message.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Kustomization } from '../../../api/flux/index.js';
import type { KubeObject } from '../../../kube/object.js';
import { RenderError } from '../../../render/errors.js';
import { kustomizeBuild } from '../../../render/kustomize.js';
import {
  inPrivateCopy,
  readKustomizationFile,
  writeKustomizationFile,
} from '../../../render/kustomize-overlay.js';
import { substituteObjects } from './envsubst.js';
import { KsReason, KustomizationStepError } from './errors.js';
import { generatedKustomization, kustomizationFileIn, overlaySettings } from './generate.js';
import { withFluxMetadata } from './metadata.js';

/** Writes the effective kustomization file into `dir` (a private copy). */
function prepare(dir: string, ks: Kustomization): void {
  const existing = kustomizationFileIn(dir);
  try {
    const file = existing ? readKustomizationFile(existing) : generatedKustomization(dir);
    writeKustomizationFile(existing ?? join(dir, 'kustomization.yaml'), overlaySettings(file, ks.spec));
  } catch (err) {
    if (err instanceof RenderError) throw new KustomizationStepError(KsReason.BuildFailed, err.message);
    throw err;
  }
}

export async function buildKustomization(
  artifactDir: string,
  ks: Kustomization,
  vars: Record<string, string> | undefined,
): Promise<KubeObject[]> {
  const relative = normalize(ks.spec.path ?? './').replace(/^\/+/, '');
  const source = join(artifactDir, relative);
  if (!existsSync(source) || !statSync(source).isDirectory()) {
    throw new KustomizationStepError(
      KsReason.ArtifactFailed,
      `kustomization path not found: ${ks.spec.path ?? './'} does not exist in the source artifact`,
    );
  }
  return inPrivateCopy(artifactDir, relative, async (dir, work) => {
    prepare(dir, ks);
    let objects: KubeObject[];
    try {
      objects = await kustomizeBuild(dir);
    } catch (err) {
      throw new KustomizationStepError(KsReason.BuildFailed, (err as Error).message.replaceAll(work, ''), {
        cause: err,
      });
    }
    if (vars && Object.keys(vars).length > 0) {
      try {
        objects = substituteObjects(objects, vars);
      } catch (err) {
        throw new KustomizationStepError(KsReason.BuildFailed, (err as Error).message);
      }
    }
    return objects.map((o) => withFluxMetadata(o, ks));
  });
}
