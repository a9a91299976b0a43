/**
 * The kustomization.yaml Flux builds from, in two steps:
 *  - `generatedKustomization`: a path without kustomization file gets one listing every
 *    .yaml/.yml file below it; a subfolder with its own kustomization file is listed as a
 *    folder and not walked into (kustomize-controller's generator).
 *  - `overlaySettings`: the Kustomization's own settings written on top of the file —
 *    targetNamespace → namespace, namePrefix/nameSuffix, patches and components appended,
 *    images replacing the file's entry of the same name (as kustomize-controller does) —
 *    so the real `kustomize build` applies them after the user's own.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { KustomizationSpec } from '../../../api/flux/index.js';
import {
  kustomizationFileIn,
  listOf,
  upsertByName,
  type KustomizeFile,
} from '../../../render/kustomize-overlay.js';

export { kustomizationFileIn, type KustomizeFile };

function collect(root: string, dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (kustomizationFileIn(path)) out.push(relative(root, path));
      else collect(root, path, out);
    } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
      out.push(relative(root, path));
    }
  }
}

/** The kustomization Flux generates for a folder of plain manifests. */
export function generatedKustomization(dir: string): KustomizeFile {
  const resources: string[] = [];
  collect(dir, dir, resources);
  return { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources };
}

/** `file` with the Kustomization's settings laid over it (a new object; `file` is not changed). */
export function overlaySettings(file: KustomizeFile, spec: KustomizationSpec): KustomizeFile {
  const out: KustomizeFile = { ...file };
  if (spec.targetNamespace) out.namespace = spec.targetNamespace;
  if (spec.namePrefix) out.namePrefix = spec.namePrefix;
  if (spec.nameSuffix) out.nameSuffix = spec.nameSuffix;
  if (spec.patches?.length) {
    const patches = spec.patches.map((p) =>
      p.target ? { patch: p.patch, target: p.target } : { patch: p.patch },
    );
    out.patches = [...listOf(file.patches), ...patches];
  }
  if (spec.images?.length) out.images = upsertByName(file.images, spec.images);
  if (spec.components?.length) out.components = [...listOf(file.components), ...spec.components];
  return out;
}
