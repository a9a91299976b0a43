/**
 * Argo CD's parameter override files: `.argocd-source.yaml`, then
 * `.argocd-source-<appName>.yaml`, in the source path, merged over the source as a JSON
 * merge patch (objects merge, lists replace) before rendering. Argo CD Image Updater's
 * git write-back relies on them. Ferry applies their `helm` part (parameters, values,
 * valueFiles, releaseName) and their `kustomize` part (images, namePrefix, ...); other
 * keys are read and ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RenderError } from './errors.js';
import type { KustomizeEditOptions } from './kustomize-edits.js';

export interface OverridableHelm {
  valueFiles?: string[];
  values?: string;
  parameters?: Array<{ name: string; value: string; forceString?: boolean }>;
  releaseName?: string;
}

export const sourceOverrideFiles = (appName: string): string[] => [
  '.argocd-source.yaml',
  `.argocd-source-${appName}.yaml`,
];

/** The source's helm options with the override files in `dir` merged in; unchanged when there are none. */
export function applySourceOverrides<H extends OverridableHelm>(
  helm: H | undefined,
  dir: string,
  appName: string,
): H | undefined {
  let merged = helm;
  for (const name of sourceOverrideFiles(appName)) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    merged = mergeHelm(merged, readOverride(file, name));
  }
  return merged;
}

/** The source's kustomize options with the override files' `kustomize` part merged in (JSON merge patch). */
export function applyKustomizeOverrides(
  kustomize: KustomizeEditOptions | undefined,
  dir: string,
  appName: string,
): KustomizeEditOptions | undefined {
  let merged: unknown = kustomize;
  for (const name of sourceOverrideFiles(appName)) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    const override = readOverride(file, name);
    const patch = Object.keys(override).find((k) => k.toLowerCase() === 'kustomize');
    if (patch !== undefined) merged = mergePatch(merged, override[patch]);
  }
  return merged === kustomize ? kustomize : kustomizeOptions(merged);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge key by key, `null` removes, anything else (lists too) replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

const KUSTOMIZE_KEYS: Array<keyof KustomizeEditOptions> = [
  'namePrefix',
  'nameSuffix',
  'images',
  'replicas',
  'commonLabels',
  'commonAnnotations',
  'forceCommonLabels',
  'forceCommonAnnotations',
  'labelWithoutSelector',
  'labelIncludeTemplates',
  'namespace',
  'patches',
  'components',
  'ignoreMissingComponents',
];

/** The known fields of a merged `kustomize` object, keys matched case-insensitively as Go decodes them. */
function kustomizeOptions(merged: unknown): KustomizeEditOptions | undefined {
  if (!isObject(merged)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of KUSTOMIZE_KEYS) {
    const value = key in merged ? merged[key] : field(merged, key);
    if (value !== undefined) out[key] = value;
  }
  if (Array.isArray(out.images)) out.images = out.images.map(text);
  return out;
}

function readOverride(file: string, name: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RenderError(`${name}: invalid YAML: ${(err as Error).message}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new RenderError(`${name}: expected a mapping`);
  return value as Record<string, unknown>;
}

/** Go's JSON decoding matches keys case-insensitively (`forcestring` is `forceString`). */
function field(obj: Record<string, unknown>, key: string): unknown {
  return Object.entries(obj).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
}

const text = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);

function mergeHelm<H extends OverridableHelm>(
  helm: H | undefined,
  override: Record<string, unknown>,
): H | undefined {
  const patch = field(override, 'helm');
  if (patch === null) return undefined;
  if (typeof patch !== 'object' || Array.isArray(patch)) return helm;
  const p = patch as Record<string, unknown>;
  const out = { ...(helm ?? {}) } as H;
  const parameters = field(p, 'parameters');
  if (Array.isArray(parameters))
    out.parameters = parameters.map((item: Record<string, unknown>) => ({
      name: text(field(item, 'name')),
      value: text(field(item, 'value')),
      ...(field(item, 'forceString') === true ? { forceString: true } : {}),
    }));
  const valueFiles = field(p, 'valueFiles');
  if (Array.isArray(valueFiles)) out.valueFiles = valueFiles.map(text);
  const values = field(p, 'values');
  if (typeof values === 'string') out.values = values;
  const releaseName = field(p, 'releaseName');
  if (typeof releaseName === 'string') out.releaseName = releaseName;
  return out;
}
