/**
 * Which Applications a push should refresh (Argo CD's `HandleEvent`), over plain
 * descriptions so it stays pure: a source matches when its repoURL names the pushed
 * repository and its targetRevision follows the pushed ref; then the app's
 * manifest-generate-paths annotation, if any, must cover a changed file.
 */
import { filesHaveChanged, MANIFEST_GENERATE_PATHS, refreshPaths } from './refresh-paths.js';
import { revisionMatches } from './revision.js';
import type { PushEvent } from './types.js';
import { usesRepository } from './url.js';

export interface WebhookSource {
  repoURL: string;
  /** Branch, tag, full ref, semver range; '' or HEAD for the default branch. */
  targetRevision?: string;
  /** Directory in the repository. */
  path?: string;
}

export interface WebhookTarget {
  /** Returned as is when the target should refresh, e.g. `namespace/name`. */
  key: string;
  /** Git sources only; `webhookTargetOf` builds this from an Application. */
  sources: WebhookSource[];
  annotations?: Record<string, string>;
}

/** The keys of the targets to refresh, each once, in the order given. */
export function appsToRefresh(event: PushEvent, targets: WebhookTarget[]): string[] {
  const keys = targets.filter((target) => shouldRefresh(event, target)).map((target) => target.key);
  return [...new Set(keys)];
}

/**
 * Relative manifest-generate-paths entries are resolved against the matching sources'
 * paths only (Argo CD uses every source's path, even those of other repositories, which
 * can only add spurious refreshes).
 */
export function shouldRefresh(event: PushEvent, target: WebhookTarget): boolean {
  const matching = target.sources.filter(
    (source) =>
      usesRepository(source.repoURL, event.repoURLs) && revisionMatches(source.targetRevision, event),
  );
  if (matching.length === 0) return false;
  const annotation = target.annotations?.[MANIFEST_GENERATE_PATHS];
  const paths = refreshPaths(
    annotation,
    matching.map((source) => source.path ?? ''),
  );
  return filesHaveChanged(paths, event.changedFiles);
}
