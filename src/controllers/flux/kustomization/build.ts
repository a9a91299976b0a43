/**
 * Building a Kustomization the way kustomize-controller does: a private copy of the
 * source's artifact, the path's kustomization file (generated when missing) with the
 * Kustomization's settings laid over it, the real `kustomize build`, then postBuild
 * substitution and Flux's labels. Every failure is a BuildFailed (or ArtifactFailed for a
 * path that is not there) with kustomize's own message.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Kustomization } from '../../../api/flux/index.js';
import type { KubeObject } from '../../../kube/object.js';
import { kustomizeBuild } from '../../../render/kustomize.js';
import { substituteObjects } from './envsubst.js';
import { KsReason, KustomizationStepError } from './errors.js';
import {
  generatedKustomization,
  kustomizationFileIn,
  overlaySettings,
  type KustomizeFile,
} from './generate.js';
import { withFluxMetadata } from './metadata.js';

function readKustomizeFile(file: string): KustomizeFile {
  try {
    const doc = parse(readFileSync(file, 'utf8')) as unknown;
    return typeof doc === 'object' && doc !== null ? (doc as KustomizeFile) : {};
  } catch (err) {
    throw new KustomizationStepError(
      KsReason.BuildFailed,
      `kustomization file ${file.split('/').pop() ?? ''} is not valid YAML: ${(err as Error).message}`,
    );
  }
}

/** Writes the effective kustomization file into `dir` (a private copy). */
function prepare(dir: string, ks: Kustomization): void {
  const existing = kustomizationFileIn(dir);
  const file = existing ? readKustomizeFile(existing) : generatedKustomization(dir);
  writeFileSync(existing ?? join(dir, 'kustomization.yaml'), stringify(overlaySettings(file, ks.spec)));
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
  const work = mkdtempSync(join(tmpdir(), 'ferry-ks-'));
  try {
    cpSync(artifactDir, work, { recursive: true, filter: (src) => !src.split('/').includes('.git') });
    const dir = join(work, relative);
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
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
