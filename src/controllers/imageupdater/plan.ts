/**
 * Decides, for one Application, which of its listed images move to which tag: the
 * running image (from status.summary.images, as Argo CD Image Updater finds it), the
 * registry's tags through the allow/ignore filters, and the strategy's choice.
 * Reads the registry; changes nothing.
 */
import type { Application } from '../../api/argo/index.js';
import {
  IMAGE_LIST_ANNOTATION,
  imageSettings,
  parseImageList,
  type ImageSettings,
  type ImageSpec,
} from '../../image/argo/annotations.js';
import { chooseTag, filterTags, needsMetadata, type TagCandidate } from '../../image/argo/tags.js';
import { tagWithDigest } from '../../image/argo/overrides.js';
import {
  parseImageRef,
  type RegistryClient,
  type RegistryRequestOptions,
} from '../../sources/registry/index.js';

export interface PlannedChange {
  spec: ImageSpec;
  settings: ImageSettings;
  /** The image as listed (registry/repository, no tag). */
  image: string;
  /** The running image's name as found live (Kustomize's original name). */
  liveName: string;
  oldTag: string;
  newTag: string;
  digest?: string;
}

export type ImageOutcome =
  | { alias: string; image: string; result: 'update'; change: PlannedChange }
  | { alias: string; image: string; result: 'current'; tag: string }
  | { alias: string; image: string; result: 'skipped'; reason: string }
  | { alias: string; image: string; result: 'error'; error: string };

export interface PlanDeps {
  registry: Pick<RegistryClient, 'listTags' | 'manifestDigest' | 'imageCreated'>;
  /** Registry options (credentials, plain HTTP) for an image; may throw a clear error. */
  requestOptions(image: string, settings: ImageSettings): Promise<RegistryRequestOptions>;
}

/** Annotated and not being deleted. */
export function hasImageList(app: Application): boolean {
  return (
    Boolean(app.metadata.annotations?.[IMAGE_LIST_ANNOTATION]?.trim()) && !app.metadata.deletionTimestamp
  );
}

/** Every listed image's outcome; one image's failure never hides the others'. */
export async function planApplication(app: Application, deps: PlanDeps): Promise<ImageOutcome[]> {
  const annotations = app.metadata.annotations ?? {};
  const specs = parseImageList(annotations[IMAGE_LIST_ANNOTATION] ?? '');
  const outcomes: ImageOutcome[] = [];
  for (const spec of specs) {
    try {
      outcomes.push(await planImage(app, spec, imageSettings(annotations, spec), deps));
    } catch (err) {
      outcomes.push({ alias: spec.alias, image: spec.image, result: 'error', error: (err as Error).message });
    }
  }
  return outcomes;
}

/** The running image with this name: `name[:tag][@digest]` from status.summary.images. */
export function liveImage(app: Application, image: string): { name: string; tag: string } | undefined {
  const wanted = parseImageRef(image).canonicalName;
  for (const running of app.status?.summary?.images ?? []) {
    let ref;
    try {
      ref = parseImageRef(running);
    } catch {
      continue;
    }
    if (ref.canonicalName !== wanted) continue;
    const name = running.replace(/@.*$/, '').replace(/:[^:/]*$/, '');
    return { name, tag: ref.tag && ref.digest ? `${ref.tag}@${ref.digest}` : (ref.tag ?? ref.digest ?? '') };
  }
  return undefined;
}

async function planImage(
  app: Application,
  spec: ImageSpec,
  settings: ImageSettings,
  deps: PlanDeps,
): Promise<ImageOutcome> {
  const base = { alias: spec.alias, image: spec.image };
  const live =
    liveImage(app, spec.image) ?? (settings.forceUpdate ? { name: spec.image, tag: '' } : undefined);
  if (!live) return { ...base, result: 'skipped', reason: 'the image is not running in the application' };
  const options = await deps.requestOptions(spec.image, settings);
  const tags = filterTags(
    await deps.registry.listTags(spec.image, options),
    settings.allowTags,
    settings.ignoreTags,
  );
  const candidates = await candidatesFor({ spec, settings, deps, options }, tags);
  const choice = chooseTag(settings.strategy, candidates, spec.constraint);
  if (!choice) return { ...base, result: 'skipped', reason: 'no tag matches the constraint and filters' };
  const newTag = tagWithDigest({ name: spec.image, ...choice });
  if (newTag === live.tag) return { ...base, result: 'current', tag: live.tag };
  const change: PlannedChange = {
    spec,
    settings,
    image: spec.image,
    liveName: live.name,
    oldTag: live.tag,
    newTag: choice.tag,
    digest: choice.digest,
  };
  return { ...base, result: 'update', change };
}

interface ImageContext {
  spec: ImageSpec;
  settings: ImageSettings;
  deps: PlanDeps;
  options: RegistryRequestOptions;
}

async function candidatesFor(
  { spec, settings, deps, options }: ImageContext,
  tags: string[],
): Promise<TagCandidate[]> {
  if (settings.strategy === 'digest') {
    const tag = spec.constraint;
    if (!tag) throw new Error('the digest strategy needs the tag to follow, e.g. app=repo/image:latest');
    if (!tags.includes(tag)) return [];
    return [{ tag, digest: await deps.registry.manifestDigest(spec.image, tag, options) }];
  }
  if (!needsMetadata(settings.strategy)) return tags.map((tag) => ({ tag }));
  const out: TagCandidate[] = [];
  for (const tag of tags)
    out.push({ tag, created: await deps.registry.imageCreated(spec.image, tag, options) });
  return out;
}
