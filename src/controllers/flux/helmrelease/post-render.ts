/**
 * `spec.postRenderers` with Kustomize, as helm-controller applies them (and
 * `spec.commonMetadata`, labels and annotations on every object, as a last step): helm renders, then
 * each renderer's kustomization (patches, patchesStrategicMerge, patchesJson6902, images)
 * is built over the result, in order, by the real `kustomize build`, run by helm itself
 * through `--post-renderer` (a small script in a private temporary folder). The renderers'
 * digest is kept in `status.observedPostRenderersDigest`: changing them upgrades the release.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { HelmRelease, PostRenderer } from '../../../api/flux/index.js';
import { stableJson } from '../../../render/cache.js';
import { kustomizeBinary } from '../../../tools/binaries.js';

type Kustomize = NonNullable<PostRenderer['kustomize']>;

/** The kustomization.yaml one Kustomize post-renderer becomes (its resource is the helm output). */
export function kustomization(k: Kustomize): Record<string, unknown> {
  const patches = [
    ...(k.patches ?? []).map((p) => (p.target ? { patch: p.patch, target: p.target } : { patch: p.patch })),
    ...(k.patchesStrategicMerge ?? []).map((p) => ({ patch: stringify(p) })),
    ...(k.patchesJson6902 ?? []).map((p) => ({ patch: stringify(p.patch), target: p.target })),
  ];
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['helm-output.yaml'],
    ...(patches.length ? { patches } : {}),
    ...(k.images?.length ? { images: k.images } : {}),
  };
}

/** commonMetadata as a kustomization: labels (selectors and templates untouched) and annotations. */
export function commonMetadataKustomization(
  meta: HelmRelease['spec']['commonMetadata'],
): Record<string, unknown> | undefined {
  const labels = meta?.labels ?? {};
  const annotations = meta?.annotations ?? {};
  if (Object.keys(labels).length === 0 && Object.keys(annotations).length === 0) return undefined;
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['helm-output.yaml'],
    ...(Object.keys(labels).length
      ? { labels: [{ pairs: labels, includeSelectors: false, includeTemplates: false }] }
      : {}),
    ...(Object.keys(annotations).length ? { commonAnnotations: annotations } : {}),
  };
}

function kustomizations(hr: HelmRelease): Array<Record<string, unknown>> {
  const steps = (hr.spec.postRenderers ?? []).flatMap((r) =>
    r.kustomize ? [kustomization(r.kustomize)] : [],
  );
  const common = commonMetadataKustomization(hr.spec.commonMetadata);
  return common ? [...steps, common] : steps;
}

/** `sha256:` of the post-renderers and commonMetadata, or undefined when there are none. */
export function postRenderersDigest(hr: HelmRelease): string | undefined {
  const list = hr.spec.postRenderers ?? [];
  const common = commonMetadataKustomization(hr.spec.commonMetadata);
  if (list.length === 0 && !common) return undefined;
  return `sha256:${createHash('sha256')
    .update(stableJson(common ? [list, common] : list))
    .digest('hex')}`;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function script(steps: string[], kustomize: string): string {
  const lines = steps.map(
    (dir) =>
      `cp "$work/in.yaml" ${quote(join(dir, 'helm-output.yaml'))} && ${quote(kustomize)} build ${quote(dir)} > "$work/out.yaml" && mv "$work/out.yaml" "$work/in.yaml"`,
  );
  return [
    '#!/bin/sh',
    'set -e',
    'work=$(mktemp -d)',
    'trap \'rm -rf "$work"\' EXIT',
    'cat > "$work/in.yaml"',
    ...lines,
    'cat "$work/in.yaml"',
    '',
  ].join('\n');
}

/**
 * Runs `use` with the helm arguments that apply the post-renderers (none when there are
 * none); the script and kustomizations live in a private folder removed afterwards.
 */
export async function withPostRenderers<T>(hr: HelmRelease, use: (args: string[]) => Promise<T>): Promise<T> {
  const list = kustomizations(hr);
  if (list.length === 0) return use([]);
  const dir = mkdtempSync(join(tmpdir(), 'ferry-post-render-'));
  try {
    const steps = list.map((k, i) => {
      const step = join(dir, String(i));
      mkdirSync(step);
      writeFileSync(join(step, 'kustomization.yaml'), stringify(k));
      return step;
    });
    const file = join(dir, 'post-render.sh');
    writeFileSync(file, script(steps, kustomizeBinary()), { mode: 0o700 });
    return await use(['--post-renderer', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
