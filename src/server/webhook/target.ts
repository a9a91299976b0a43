/** An Argo CD Application as the webhook matcher sees it: its Git sources and annotations. */
import type { Application, ApplicationSource } from '../../api/argo/index.js';
import type { WebhookSource, WebhookTarget } from './match.js';

/**
 * Key `namespace/name`. Sources: `spec.sources`, else `spec.source`; for a source
 * hydrator both its dry source and the branch it hydrates to. Helm chart sources are left
 * out (no Git push moves them).
 */
export function webhookTargetOf(app: Application): WebhookTarget {
  const { spec, metadata } = app;
  const sources: WebhookSource[] = (spec.sources ?? (spec.source ? [spec.source] : []))
    .filter((source: ApplicationSource) => !source.chart)
    .map(({ repoURL, targetRevision, path }) => ({ repoURL, targetRevision, path }));
  const hydrator = spec.sourceHydrator;
  if (hydrator) {
    const { repoURL, targetRevision, path } = hydrator.drySource;
    sources.push({ repoURL, targetRevision, path });
    sources.push({
      repoURL,
      targetRevision: hydrator.syncSource.targetBranch,
      path: hydrator.syncSource.path,
    });
  }
  return {
    key: `${metadata.namespace ?? ''}/${metadata.name ?? ''}`,
    sources,
    annotations: metadata.annotations,
  };
}
