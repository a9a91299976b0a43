/**
 * Names and namespaces helm-controller derives from a HelmRelease: the release name
 * (`[targetNamespace-]name`, shortened with a hash past Helm's 53 characters), the release,
 * storage and chart namespaces, and the HelmChart it makes (`<namespace>-<name>`).
 */
import { createHash } from 'node:crypto';
import type { HelmRelease } from './helmrelease-types.js';

/** Helm's limit on release names (chartutil.MaxReleaseNameLen). */
export const MAX_RELEASE_NAME_LENGTH = 53;
const SHORT_HASH_LENGTH = 12;

/**
 * helm-controller's ShortenName: names longer than 53 characters become their first 40
 * characters, a hyphen, and the first 12 hex digits of the SHA-256 of the whole name.
 */
export function shortenName(name: string): string {
  if (name.length <= MAX_RELEASE_NAME_LENGTH) return name;
  const sum = createHash('sha256').update(name).digest('hex');
  return `${name.slice(0, MAX_RELEASE_NAME_LENGTH - (SHORT_HASH_LENGTH + 1))}-${sum.slice(0, SHORT_HASH_LENGTH)}`;
}

/** `spec.releaseName`, else `[targetNamespace-]name`, shortened as Flux shortens it. */
export function releaseName(hr: HelmRelease): string {
  const { releaseName: explicit, targetNamespace } = hr.spec;
  if (explicit) return shortenName(explicit);
  const name = hr.metadata.name ?? '';
  return shortenName(targetNamespace ? `${targetNamespace}-${name}` : name);
}

/** Where the release's resources go: `spec.targetNamespace`, else the HelmRelease's namespace. */
export function releaseNamespace(hr: HelmRelease): string {
  return hr.spec.targetNamespace || hr.metadata.namespace || 'default';
}

/** Where Helm keeps the release's Secrets: `spec.storageNamespace`, else the HelmRelease's namespace. */
export function storageNamespace(hr: HelmRelease): string {
  return hr.spec.storageNamespace || hr.metadata.namespace || 'default';
}

/** The HelmChart made from `spec.chart`: named `<namespace>-<name>`. */
export function helmChartName(hr: HelmRelease): string {
  return `${hr.metadata.namespace ?? 'default'}-${hr.metadata.name ?? ''}`;
}

/** The HelmChart's namespace: the source's (`spec.chart.spec.sourceRef.namespace`), else the HelmRelease's. */
export function helmChartNamespace(hr: HelmRelease): string {
  return hr.spec.chart?.spec.sourceRef.namespace || hr.metadata.namespace || 'default';
}
