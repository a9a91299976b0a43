/**
 * Argo CD Image Updater's annotations on an Application, read as it reads them:
 * `image-list` (`[alias=]image[:constraint]`, comma separated), per-alias settings
 * (`<alias>.update-strategy`, `.allow-tags`, `.ignore-tags`, `.pull-secret`,
 * `.helm.image-name|image-tag|image-spec`, `.kustomize.image-name`, `.force-update`),
 * and the write-back settings. Pure: annotations in, settings out.
 */

export const ANNOTATION_PREFIX = 'argocd-image-updater.argoproj.io';
export const IMAGE_LIST_ANNOTATION = `${ANNOTATION_PREFIX}/image-list`;

export type Strategy = 'semver' | 'newest-build' | 'alphabetical' | 'digest';

export interface ImageSpec {
  /** The alias, or the image name when none was given. */
  alias: string;
  /** Registry and repository, without tag: `ghcr.io/org/my-app`. */
  image: string;
  /** The version constraint after the image (`~1.2`); for `digest`, the tag to follow. */
  constraint?: string;
  /** Whether an alias was written (`app=...`). */
  hasAlias: boolean;
}

export interface ImageSettings {
  strategy: Strategy;
  /** `regexp:<re>` or `any`; undefined when not set (any). */
  allowTags?: string;
  /** Glob patterns (Go filepath.Match). */
  ignoreTags: string[];
  pullSecret?: string;
  helmImageName: string;
  helmImageTag: string;
  helmImageSpec?: string;
  kustomizeImageName?: string;
  forceUpdate: boolean;
  /** Ferry's own: talk plain HTTP to this image's registry. */
  insecure: boolean;
}

export class ImageAnnotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageAnnotationError';
  }
}

/** `app=ghcr.io/org/my-app:~1.2, other=quay.io/x/y` → specs. */
export function parseImageList(value: string): ImageSpec[] {
  const specs = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(parseImageSpec);
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.alias)) throw new ImageAnnotationError(`image-list: alias "${s.alias}" is used twice`);
    seen.add(s.alias);
  }
  return specs;
}

export function parseImageSpec(spec: string): ImageSpec {
  const eq = spec.indexOf('=');
  const alias = eq >= 0 ? spec.slice(0, eq).trim() : '';
  const rest = eq >= 0 ? spec.slice(eq + 1).trim() : spec;
  // A colon after the last slash separates the constraint; one before it is a registry port.
  const slash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', slash + 1);
  const image = colon >= 0 ? rest.slice(0, colon) : rest;
  const constraint = colon >= 0 ? rest.slice(colon + 1).trim() : undefined;
  if (!image || /\s/.test(image)) throw new ImageAnnotationError(`image-list: "${spec}" is not an image`);
  if (eq >= 0 && !alias) throw new ImageAnnotationError(`image-list: "${spec}" has an empty alias`);
  return { alias: alias || image, image, constraint: constraint || undefined, hasAlias: Boolean(alias) };
}

/** An alias as it appears in annotation keys: `/` is written `_` (a Kubernetes limit). */
export function aliasKey(alias: string): string {
  return alias.replace(/\//g, '_');
}

const STRATEGIES: Record<string, Strategy> = {
  semver: 'semver',
  latest: 'newest-build',
  'newest-build': 'newest-build',
  name: 'alphabetical',
  alphabetical: 'alphabetical',
  digest: 'digest',
};

/** Argo falls back to semver for an unknown strategy; Ferry refuses it so the typo is seen. */
export function parseStrategy(value: string | undefined): Strategy {
  if (value === undefined || value.trim() === '') return 'semver';
  const s = STRATEGIES[value.trim()];
  if (!s)
    throw new ImageAnnotationError(
      `unknown update-strategy "${value}" (semver, newest-build/latest, alphabetical/name, digest)`,
    );
  return s;
}

export function imageSettings(annotations: Record<string, string>, spec: ImageSpec): ImageSettings {
  const get = (key: string): string | undefined => {
    const v = annotations[`${ANNOTATION_PREFIX}/${aliasKey(spec.alias)}.${key}`];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  return {
    strategy: parseStrategy(get('update-strategy')),
    allowTags: get('allow-tags'),
    ignoreTags: (get('ignore-tags') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    pullSecret: get('pull-secret'),
    helmImageName: get('helm.image-name') ?? 'image.name',
    helmImageTag: get('helm.image-tag') ?? 'image.tag',
    helmImageSpec: get('helm.image-spec'),
    kustomizeImageName: get('kustomize.image-name'),
    forceUpdate: get('force-update') === 'true',
    insecure: get('insecure') === 'true',
  };
}

export type WriteBackTarget =
  { kind: 'override' } | { kind: 'kustomization'; path?: string } | { kind: 'helmvalues'; path: string };

export type GitCredentialRef = { kind: 'repocreds' } | { kind: 'secret'; namespace?: string; name: string };

export interface WriteBackConfig {
  method: 'argocd' | 'git';
  credentials: GitCredentialRef;
  /** Branch to check out; undefined: the source's targetRevision. */
  branch?: string;
  /** Branch to push to (a Go template), from `git-branch: base:target`. */
  writeBranch?: string;
  repository?: string;
  target: WriteBackTarget;
}

export function writeBackConfig(annotations: Record<string, string>): WriteBackConfig {
  const get = (key: string): string | undefined =>
    annotations[`${ANNOTATION_PREFIX}/${key}`]?.trim() || undefined;
  const method = get('write-back-method') ?? 'argocd';
  const config: WriteBackConfig = {
    method: 'argocd',
    credentials: { kind: 'repocreds' },
    target: parseTarget(get('write-back-target')),
    repository: get('git-repository'),
  };
  if (method === 'argocd') return config;
  if (method !== 'git' && !method.startsWith('git:'))
    throw new ImageAnnotationError(`unknown write-back-method "${method}" (argocd, git, git:<credref>)`);
  config.method = 'git';
  config.credentials = parseCredentialRef(method.slice('git:'.length));
  const branch = get('git-branch');
  if (branch) {
    const colon = branch.indexOf(':');
    config.branch = (colon >= 0 ? branch.slice(0, colon) : branch) || undefined;
    config.writeBranch = colon >= 0 ? branch.slice(colon + 1) || undefined : undefined;
  }
  return config;
}

function parseCredentialRef(ref: string): GitCredentialRef {
  if (ref === '' || ref === 'repocreds') return { kind: 'repocreds' };
  const m = /^secret:(?:([^/]+)\/)?([^/]+)$/.exec(ref);
  if (!m)
    throw new ImageAnnotationError(
      `write-back-method: unknown credentials "${ref}" (repocreds, secret:[ns/]name)`,
    );
  return { kind: 'secret', namespace: m[1], name: m[2]! };
}

function parseTarget(value: string | undefined): WriteBackTarget {
  if (!value) return { kind: 'override' };
  if (value === 'kustomization') return { kind: 'kustomization' };
  if (value.startsWith('kustomization:')) return { kind: 'kustomization', path: value.slice(14) };
  if (value.startsWith('helmvalues:') && value.length > 11)
    return { kind: 'helmvalues', path: value.slice(11) };
  if (value === 'helmvalues') return { kind: 'helmvalues', path: 'values.yaml' };
  throw new ImageAnnotationError(
    `unknown write-back-target "${value}" (kustomization[:path], helmvalues[:path])`,
  );
}
