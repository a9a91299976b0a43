/**
 * Kustomize options of a source (Argo CD's `spec.source.kustomize`) as the changes
 * `kustomize edit` would write into the path's kustomization file — Argo CD runs
 * `edit set nameprefix/namesuffix`, `edit set image`, `edit set replicas`,
 * `edit add label/annotation`, `edit set namespace`, appends `patches` and runs
 * `edit add component` before `kustomize build`. Written directly, with the same rules:
 * an image replaces the entry of the same name (`:*` keeps its tag), a label or
 * annotation already in the file is an error unless forced, a component is added once.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KubeObject } from '../kube/object.js';
import { RenderError } from './errors.js';
import { kustomizeBuild } from './kustomize.js';
import {
  appendUnique,
  inPrivateCopy,
  kustomizationFileIn,
  listOf,
  readKustomizationFile,
  upsertByName,
  writeKustomizationFile,
  type KustomizeFile,
} from './kustomize-overlay.js';

export interface KustomizeEditOptions {
  namePrefix?: string;
  nameSuffix?: string;
  /** `[old_name=]name[:tag|@digest]`, as `kustomize edit set image` takes them. */
  images?: string[];
  replicas?: Array<{ name: string; count: number | string }>;
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  forceCommonLabels?: boolean;
  forceCommonAnnotations?: boolean;
  labelWithoutSelector?: boolean;
  labelIncludeTemplates?: boolean;
  namespace?: string;
  patches?: Array<Record<string, unknown>>;
  components?: string[];
  ignoreMissingComponents?: boolean;
}

export interface KustomizeImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

const nonEmpty = (v: unknown[] | Record<string, unknown> | undefined): boolean =>
  v !== undefined && Object.keys(v).length > 0;

/** Whether the options change anything (an empty `kustomize: {}` builds the path as it is). */
export function hasKustomizeEdits(o: KustomizeEditOptions | undefined): boolean {
  if (!o) return false;
  return (
    !!(o.namePrefix || o.nameSuffix || o.namespace) ||
    [o.images, o.replicas, o.commonLabels, o.commonAnnotations, o.patches, o.components].some(nonEmpty)
  );
}

const TAG = /^(.*):([a-zA-Z0-9._-]*|\*)$/;

function parseReference(
  ref: string,
  nameOnlyAllowed: boolean,
): Omit<KustomizeImageEntry, 'name'> & { n: string } {
  const at = ref.indexOf('@');
  if (at >= 0) return { n: ref.slice(0, at), digest: ref.slice(at + 1) };
  const tagged = TAG.exec(ref);
  if (tagged) return { n: tagged[1]!, newTag: tagged[2]! };
  if (nameOnlyAllowed && ref) return { n: ref };
  throw new RenderError(
    `kustomize image "${ref}": use one of name:tag, name@digest, old=new, old=new:tag, old=new@digest`,
  );
}

/** One `images` entry, read as `kustomize edit set image` reads it. */
export function parseImage(arg: string): KustomizeImageEntry {
  const parts = arg.split('=');
  if (parts.length === 2) {
    const { n, ...rest } = parseReference(parts[1]!, true);
    return { name: parts[0]!, newName: n, ...rest };
  }
  const { n, ...rest } = parseReference(arg, false);
  return { name: n, ...rest };
}

/** The file's images with these set: same name replaced (a `*` tag keeps the old tag), sorted by name. */
function setImages(existing: unknown, args: string[]): unknown[] {
  const updates = args.map(parseImage).map((image) => {
    if (image.newTag !== '*') return image;
    const old = listOf(existing).find((e) => (e as KustomizeImageEntry).name === image.name) as
      KustomizeImageEntry | undefined;
    const { newTag: _star, ...rest } = image;
    return {
      ...rest,
      ...(old?.newTag ? { newTag: old.newTag } : {}),
      ...(old?.digest ? { digest: old.digest } : {}),
    };
  });
  const merged = upsertByName(existing, updates);
  return merged.sort((a, b) =>
    String((a as KustomizeImageEntry).name).localeCompare(String((b as KustomizeImageEntry).name)),
  );
}

function replicaCount(r: { name: string; count: number | string }): number {
  const count = typeof r.count === 'number' ? r.count : Number(r.count);
  if (!Number.isInteger(count) || String(r.count).trim() === '')
    throw new RenderError(`kustomize replicas "${r.name}": count "${r.count}" is not an integer`);
  return count;
}

/** `add` merged into `map`; a key already there is an error unless `force` (`edit add label/annotation`). */
function addPairs(
  map: unknown,
  add: Record<string, string>,
  what: string,
  force: boolean,
): Record<string, unknown> {
  const out = { ...((typeof map === 'object' && map !== null ? map : {}) as Record<string, unknown>) };
  for (const [key, value] of Object.entries(add)) {
    if (key in out && !force)
      throw new RenderError(
        `${what} ${key} already in kustomization file (set ${what === 'label' ? 'forceCommonLabels' : 'forceCommonAnnotations'} to override)`,
      );
    out[key] = value;
  }
  return out;
}

interface LabelEntry {
  pairs?: Record<string, unknown>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
  fields?: unknown;
}

/** `edit add label --without-selector [--include-templates]`: into the matching `labels` entry, or a new one. */
function addLabelsWithoutSelector(file: KustomizeFile, o: KustomizeEditOptions): unknown[] {
  const labels = [...listOf(file.labels)] as LabelEntry[];
  const templates = !!o.labelIncludeTemplates;
  const at = labels.findIndex((l) => !l.includeSelectors && !!l.includeTemplates === templates && !l.fields);
  const entry: LabelEntry = at >= 0 ? { ...labels[at] } : templates ? { includeTemplates: true } : {};
  entry.pairs = addPairs(entry.pairs, o.commonLabels!, 'label', !!o.forceCommonLabels);
  if (at >= 0) labels[at] = entry;
  else labels.push(entry);
  return labels;
}

const isRemote = (path: string): boolean => /^[a-z]+:\/\/|^github\.com\/|^git@/.test(path);

/** Components that exist (or are remote); a missing one is an error unless `ignoreMissingComponents`. */
function presentComponents(dir: string, o: KustomizeEditOptions): string[] {
  return (o.components ?? []).filter((c) => {
    if (isRemote(c)) return true;
    if (existsSync(resolve(dir, c))) return true;
    if (o.ignoreMissingComponents) return false;
    throw new RenderError(`kustomize component ${c} does not exist in the source path`);
  });
}

/** `file` with the options written in (a new object; `file` is not changed). `dir` holds the file. */
export function applyKustomizeEdits(
  file: KustomizeFile,
  o: KustomizeEditOptions,
  dir: string,
): KustomizeFile {
  const out: KustomizeFile = { ...file, ...namingEdits(file, o), ...metadataEdits(file, o) };
  if (o.patches?.length) out.patches = [...listOf(file.patches), ...o.patches];
  const components = presentComponents(dir, o);
  if (components.length) out.components = appendUnique(file.components, components);
  return out;
}

/** `edit set nameprefix/namesuffix/namespace/image/replicas`. */
function namingEdits(file: KustomizeFile, o: KustomizeEditOptions): KustomizeFile {
  const out: KustomizeFile = {};
  if (o.namePrefix) out.namePrefix = o.namePrefix;
  if (o.nameSuffix) out.nameSuffix = o.nameSuffix;
  if (o.namespace) out.namespace = o.namespace;
  if (o.images?.length) out.images = setImages(file.images, o.images);
  if (o.replicas?.length)
    out.replicas = upsertByName(
      file.replicas,
      o.replicas.map((r) => ({ name: r.name, count: replicaCount(r) })),
    );
  return out;
}

/** `edit add label` / `edit add annotation`. */
function metadataEdits(file: KustomizeFile, o: KustomizeEditOptions): KustomizeFile {
  const out: KustomizeFile = {};
  if (nonEmpty(o.commonLabels)) {
    if (o.labelWithoutSelector) out.labels = addLabelsWithoutSelector(file, o);
    else out.commonLabels = addPairs(file.commonLabels, o.commonLabels!, 'label', !!o.forceCommonLabels);
  }
  if (nonEmpty(o.commonAnnotations))
    out.commonAnnotations = addPairs(
      file.commonAnnotations,
      o.commonAnnotations!,
      'annotation',
      !!o.forceCommonAnnotations,
    );
  return out;
}

/**
 * `kustomize build` of `relPath` in `root` with the options written into a private copy
 * of its kustomization file. Paths in error messages are those of the source, not the copy.
 */
export async function kustomizeBuildWithEdits(
  root: string,
  relPath: string,
  options: KustomizeEditOptions,
): Promise<KubeObject[]> {
  return inPrivateCopy(root, relPath, async (dir, copy) => {
    const file = kustomizationFileIn(dir);
    if (!file) throw new RenderError(`no kustomization file in ${relPath}`);
    writeKustomizationFile(file, applyKustomizeEdits(readKustomizationFile(file), options, dir));
    try {
      return await kustomizeBuild(dir);
    } catch (err) {
      if (err instanceof RenderError)
        throw new RenderError(err.message.replaceAll(copy + '/', ''), { cause: err });
      throw err;
    }
  });
}
