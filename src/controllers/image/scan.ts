/**
 * What a scan reports, computed the way image-reflector-controller does: tags matching an
 * exclusion pattern are dropped, latestTags are the first 10 of the tags sorted
 * descending as strings, and the revision is a digest of the sorted tag list.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_EXCLUSION_LIST, type ImageRepositorySpec, type ScanResult } from '../../api/image/index.js';
import { goRegExp } from '../../image/policy/index.js';

export const LATEST_TAGS_COUNT = 10;

export function exclusionList(spec: ImageRepositorySpec): string[] {
  return spec.exclusionList ?? DEFAULT_EXCLUSION_LIST;
}

export function excludeTags(tags: string[], patterns: string[]): string[] {
  const res = patterns.map(goRegExp);
  return tags.filter((tag) => !res.some((re) => re.test(tag)));
}

/** Descending byte-wise order, as Go's -strings.Compare. */
export function latestTags(tags: string[]): string[] {
  return [...tags].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)).slice(0, LATEST_TAGS_COUNT);
}

export function tagsRevision(tags: string[]): string {
  const sorted = [...tags].sort();
  return `sha256:${createHash('sha256').update(sorted.join('\n')).digest('hex')}`;
}

export function scanResult(tags: string[], scanTime: Date): ScanResult {
  const latest = latestTags(tags);
  return {
    revision: tagsRevision(tags),
    tagCount: tags.length,
    scanTime: scanTime.toISOString(),
    ...(latest.length ? { latestTags: latest } : {}),
  };
}
