/**
 * Flux's image reflector kinds (image.toolkit.fluxcd.io v1beta2 and v1): ImageRepository
 * (what to scan) and ImagePolicy (which tag is the latest), field for field as Flux.
 */
import type {
  FluxObject,
  FluxStatus,
  LocalObjectReference,
  NamespacedObjectReference,
} from '../flux/index.js';

export const IMAGE_GROUP = 'image.toolkit.fluxcd.io';
/** The storage version; v1beta2 is served too (same fields, plus v1beta2's latestImage). */
export const IMAGE_API_VERSION = `${IMAGE_GROUP}/v1`;
export const IMAGE_API_VERSIONS = [`${IMAGE_GROUP}/v1`, `${IMAGE_GROUP}/v1beta2`];

/** Flux's default exclusion: cosign signatures are tags, not images. */
export const DEFAULT_EXCLUSION_LIST = ['^.*\\.sig$'];

export interface ImageRepositorySpec {
  image: string;
  interval: string;
  timeout?: string;
  secretRef?: LocalObjectReference;
  serviceAccountName?: string;
  certSecretRef?: LocalObjectReference;
  proxySecretRef?: LocalObjectReference;
  accessFrom?: { namespaceSelectors: Array<{ matchLabels?: Record<string, string> }> };
  exclusionList?: string[];
  insecure?: boolean;
  provider?: 'generic' | 'aws' | 'azure' | 'gcp';
  suspend?: boolean;
}

export interface ScanResult {
  /** A digest of the tag list (Flux: the database checksum). */
  revision?: string;
  tagCount: number;
  scanTime: string;
  /** Up to 10 tags, sorted descending as strings (as Flux). */
  latestTags?: string[];
}

export interface ImageRepositoryStatus extends FluxStatus {
  canonicalImageName?: string;
  lastScanResult?: ScanResult;
  observedExclusionList?: string[];
}

export type ImageRepository = FluxObject<ImageRepositorySpec, ImageRepositoryStatus>;

export interface ImagePolicyChoice {
  semver?: { range: string };
  alphabetical?: { order?: 'asc' | 'desc' };
  numerical?: { order?: 'asc' | 'desc' };
}

export interface ImagePolicySpec {
  imageRepositoryRef: NamespacedObjectReference;
  policy: ImagePolicyChoice;
  filterTags?: { pattern?: string; extract?: string };
  digestReflectionPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  interval?: string;
  suspend?: boolean;
}

export interface ImageRef {
  name: string;
  tag: string;
  digest?: string;
}

export interface ImagePolicyStatus extends FluxStatus {
  latestRef?: ImageRef;
  observedPreviousRef?: ImageRef;
  /** v1beta2's `name:tag` (deprecated there, kept so v1beta2 readers see it). */
  latestImage?: string;
  observedPreviousImage?: string;
}

export type ImagePolicy = FluxObject<ImagePolicySpec, ImagePolicyStatus>;
