/**
 * What an image update changes in an Application's source, as Argo CD Image Updater
 * writes it: Helm parameters (`image.name`/`image.tag` or the configured names, all
 * forceString) or Kustomize images; and the override file `.argocd-source-<app>.yaml`
 * (existing entries kept, Helm parameters sorted by name) that Argo CD reads at render.
 */
import { parse, stringify } from 'yaml';
import type { ImageSettings } from './annotations.js';

export interface HelmParameter {
  name: string;
  value: string;
  forceString?: boolean;
}

export interface NewImage {
  /** Registry and repository: `ghcr.io/org/my-app`. */
  name: string;
  tag: string;
  digest?: string;
}

/** `tag`, `tag@digest` or `@digest` → the part after the image name's colon. */
export function tagWithDigest(image: NewImage): string {
  return image.digest ? `${image.tag}@${image.digest}` : image.tag;
}

/** The Helm parameters one image sets. */
export function helmParameters(settings: ImageSettings, image: NewImage): HelmParameter[] {
  if (settings.helmImageSpec)
    return [
      { name: settings.helmImageSpec, value: `${image.name}:${tagWithDigest(image)}`, forceString: true },
    ];
  return [
    { name: settings.helmImageName, value: image.name, forceString: true },
    { name: settings.helmImageTag, value: tagWithDigest(image), forceString: true },
  ];
}

/** `existing` with `updates` replacing parameters of the same name, new ones appended. */
export function mergeParameters(existing: HelmParameter[], updates: HelmParameter[]): HelmParameter[] {
  const merged = existing.map((p) => updates.find((u) => u.name === p.name) ?? p);
  for (const u of updates) if (!merged.some((p) => p.name === u.name)) merged.push(u);
  return merged;
}

/** The Kustomize image entry: `<original name>=<new name>:<tag>`. */
export function kustomizeImage(settings: ImageSettings, image: NewImage, original: string): string {
  const name = settings.kustomizeImageName ?? original;
  const ref = image.digest ? `${image.name}@${image.digest}` : `${image.name}:${image.tag}`;
  return `${name}=${ref}`;
}

/** The name a Kustomize images entry overrides (before `=`, else before the tag or digest). */
export function kustomizeImageKey(entry: string): string {
  const eq = entry.indexOf('=');
  if (eq >= 0) return entry.slice(0, eq);
  const at = entry.indexOf('@');
  const base = at >= 0 ? entry.slice(0, at) : entry;
  const colon = base.lastIndexOf(':');
  return colon > base.lastIndexOf('/') ? base.slice(0, colon) : base;
}

export function mergeKustomizeImages(existing: string[], updates: string[]): string[] {
  const key = kustomizeImageKey;
  const merged = existing.map((e) => updates.find((u) => key(u) === key(e)) ?? e);
  for (const u of updates) if (!merged.some((e) => key(e) === key(u))) merged.push(u);
  return merged;
}

export const overrideFileName = (appName: string): string => `.argocd-source-${appName}.yaml`;

interface OverrideFile {
  helm?: { parameters?: Array<Record<string, unknown>> } & Record<string, unknown>;
  kustomize?: { images?: string[] } & Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * The override file after an update: the existing content (unless it does not parse,
 * as Argo rewrites it then) with these parameters or images merged in. Written as
 * Argo's Go YAML writes it: `forcestring`, sequences not indented.
 */
export function overrideFileContent(
  existing: string | undefined,
  change: { parameters?: HelmParameter[]; images?: string[] },
): string {
  const file = readOverride(existing);
  if (change.parameters) {
    const current = (file.helm?.parameters ?? []).map(fromFileParameter);
    const parameters = mergeParameters(current, change.parameters)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((p) => ({ name: p.name, value: p.value, forcestring: p.forceString ?? false }));
    file.helm = { ...file.helm, parameters };
  }
  if (change.images)
    file.kustomize = {
      ...file.kustomize,
      images: mergeKustomizeImages(file.kustomize?.images ?? [], change.images),
    };
  return stringify(file, { indentSeq: false, lineWidth: 0 });
}

function readOverride(text: string | undefined): OverrideFile {
  if (!text?.trim()) return {};
  try {
    const value: unknown = parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as OverrideFile) : {};
  } catch {
    return {};
  }
}

/** A parameter as found in an override file: Go's JSON decoding matches keys case-insensitively. */
export function fromFileParameter(p: Record<string, unknown>): HelmParameter {
  const get = (key: string): unknown => Object.entries(p).find(([k]) => k.toLowerCase() === key)?.[1];
  const forceString = get('forcestring');
  const text = (v: unknown): string =>
    typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
  return {
    name: text(get('name')),
    value: text(get('value')),
    ...(forceString === true || forceString === 'true' ? { forceString: true } : {}),
  };
}
