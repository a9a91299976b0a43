/** Renders a Kustomize directory with the real `kustomize build`. */
import { kustomizeBinary } from '../tools/binaries.js';
import { CommandError, run } from '../util/exec.js';
import type { KubeObject } from '../kube/object.js';
import { RenderError } from './errors.js';
import { parseManifests } from './manifests.js';

export async function kustomizeBuild(
  dir: string,
  options: { enableHelm?: boolean } = {},
): Promise<KubeObject[]> {
  try {
    const args = ['build', dir, ...(options.enableHelm ? ['--enable-helm'] : [])];
    const { stdout } = await run(kustomizeBinary(), args, { timeoutMs: 120_000 });
    return parseManifests(stdout, 'kustomize build');
  } catch (err) {
    if (err instanceof CommandError) {
      throw new RenderError(
        `kustomize build failed: ${err.stderr.replace(/^Error: /m, '').trim() || err.message}`,
        { cause: err },
      );
    }
    throw err;
  }
}

export const kustomizationFileNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
