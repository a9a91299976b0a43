/**
 * Turns an Application's source(s) into the engine's manifest requests and renders
 * them. Multi-source apps render every source that has a chart or path; sources with
 * only a `ref` provide value files (`$ref/...`) to the others.
 */
import type { Application, ApplicationSource } from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import type { ManifestGenerator, ManifestRequest } from '../../engine/manifests.js';

export interface RenderedApp {
  objects: KubeObject[];
  revision: string;
  revisions: string[];
  sourceType: string;
  sourceTypes: string[];
}

/** The sources to render: an operation's (rollback, sync to a revision) or the spec's. */
export function effectiveSources(app: Application): ApplicationSource[] {
  const op = app.operation?.sync;
  if (op?.sources?.length) return op.sources;
  if (op?.source) return [op.source];
  const base = app.spec.sources?.length ? app.spec.sources : app.spec.source ? [app.spec.source] : [];
  if (op?.revision && base.length === 1) return [{ ...base[0]!, targetRevision: op.revision }];
  return base;
}

function manifestRequest(
  app: Application,
  source: ApplicationSource,
  all: ApplicationSource[],
  cluster: { kubeVersion: string; apiVersions: string[] },
  force: boolean,
): ManifestRequest {
  const refs: ManifestRequest['refs'] = {};
  for (const s of all) if (s.ref) refs[s.ref] = { repoURL: s.repoURL, revision: s.targetRevision ?? 'HEAD' };
  const helm = source.helm;
  return {
    repoURL: source.repoURL,
    chart: source.chart,
    path: source.path,
    revision: source.targetRevision ?? (source.chart ? '' : 'HEAD'),
    helm: helm && {
      valueFiles: helm.valueFiles,
      values: typeof helm.values === 'string' ? helm.values : undefined,
      valuesObject: helm.valuesObject as Record<string, unknown> | undefined,
      parameters: helm.parameters?.map((p) => ({
        name: p.name ?? '',
        value: p.value ?? '',
        forceString: p.forceString,
      })),
      releaseName: helm.releaseName,
      skipCrds: helm.skipCrds,
      ignoreMissingValueFiles: helm.ignoreMissingValueFiles,
    },
    directory: source.directory && {
      recurse: source.directory.recurse,
      include: source.directory.include,
      exclude: source.directory.exclude,
    },
    refs,
    releaseName: app.metadata.name ?? '',
    namespace: app.spec.destination.namespace ?? 'default',
    kubeVersion: cluster.kubeVersion,
    apiVersions: cluster.apiVersions,
    force,
  };
}

export async function renderApp(
  app: Application,
  cluster: Cluster,
  manifests: ManifestGenerator,
  force: boolean,
): Promise<RenderedApp> {
  const sources = effectiveSources(app);
  const capabilities = {
    kubeVersion: await cluster.discovery.version(),
    apiVersions: await cluster.discovery.apiVersions(),
  };
  const renderable = sources.filter((s) => s.chart || s.path !== undefined || !s.ref);
  const results = await Promise.all(
    renderable.map((s) => manifests.generate(manifestRequest(app, s, sources, capabilities, force))),
  );
  return {
    objects: results.flatMap((r) => r.objects),
    revision: results[0]?.revision ?? '',
    revisions: results.map((r) => r.revision),
    sourceType: results[0]?.sourceType ?? '',
    sourceTypes: results.map((r) => r.sourceType),
  };
}
