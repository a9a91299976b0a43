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
  // A rollback names the history entry's source and the exact revision deployed then.
  if (op?.source) return [op.revision ? { ...op.source, targetRevision: op.revision } : op.source];
  const base = specSources(app);
  if (op?.revision && base.length === 1) return [{ ...base[0]!, targetRevision: op.revision }];
  return base;
}

/** The spec's sources: `sources` when set, else the single `source` (if any). */
export function specSources(app: Application): ApplicationSource[] {
  if (app.spec.sources?.length) return app.spec.sources;
  return app.spec.source ? [app.spec.source] : [];
}

/** What every manifest request of one render shares. */
interface RenderContext {
  app: Application;
  /** All the app's sources, including those that only provide a `ref`. */
  sources: ApplicationSource[];
  capabilities: { kubeVersion: string; apiVersions: string[] };
  refresh: RefreshMode;
}

/** `refresh` fetches the sources again (webhook, refresh annotation); `force` also renders again (hard refresh). */
export interface RefreshMode {
  refresh: boolean;
  force: boolean;
}

function manifestRequest(source: ApplicationSource, ctx: RenderContext): ManifestRequest {
  const { app, capabilities } = ctx;
  return {
    repoURL: source.repoURL,
    chart: source.chart,
    path: source.path,
    revision: source.targetRevision ?? (source.chart ? '' : 'HEAD'),
    helm: source.helm && helmRequest(source.helm),
    kustomize: source.kustomize && kustomizeRequest(source.kustomize),
    directory: source.directory && {
      recurse: source.directory.recurse,
      include: source.directory.include,
      exclude: source.directory.exclude,
    },
    refs: refsOf(ctx.sources),
    releaseName: app.metadata.name ?? '',
    namespace: app.spec.destination.namespace ?? 'default',
    kubeVersion: capabilities.kubeVersion,
    apiVersions: capabilities.apiVersions,
    refresh: ctx.refresh.refresh,
    force: ctx.refresh.force,
    sourceOverridesFor: app.metadata.name ?? '',
  };
}

/** The repositories that `$ref/...` value files point at, by ref name. */
function refsOf(sources: ApplicationSource[]): NonNullable<ManifestRequest['refs']> {
  const refs: NonNullable<ManifestRequest['refs']> = {};
  for (const s of sources)
    if (s.ref) refs[s.ref] = { repoURL: s.repoURL, revision: s.targetRevision ?? 'HEAD' };
  return refs;
}

function helmRequest(helm: NonNullable<ApplicationSource['helm']>): NonNullable<ManifestRequest['helm']> {
  return {
    valueFiles: helm.valueFiles,
    values: typeof helm.values === 'string' ? helm.values : undefined,
    valuesObject: helm.valuesObject,
    parameters: helm.parameters?.map((p) => ({
      name: p.name ?? '',
      value: p.value ?? '',
      forceString: p.forceString,
    })),
    releaseName: helm.releaseName,
    skipCrds: helm.skipCrds,
    ignoreMissingValueFiles: helm.ignoreMissingValueFiles,
  };
}

/** Argo CD's kustomize options the engine writes into the kustomization file (`version`, `kubeVersion`, `apiVersions` are not). */
function kustomizeRequest(
  k: NonNullable<ApplicationSource['kustomize']>,
): NonNullable<ManifestRequest['kustomize']> {
  return {
    namePrefix: k.namePrefix,
    nameSuffix: k.nameSuffix,
    images: k.images,
    replicas: k.replicas,
    commonLabels: k.commonLabels,
    commonAnnotations: k.commonAnnotations,
    forceCommonLabels: k.forceCommonLabels,
    forceCommonAnnotations: k.forceCommonAnnotations,
    labelWithoutSelector: k.labelWithoutSelector,
    labelIncludeTemplates: k.labelIncludeTemplates,
    namespace: k.namespace,
    patches: k.patches?.map((p) => ({ ...p })),
    components: k.components,
    ignoreMissingComponents: k.ignoreMissingComponents,
  };
}

export async function renderApp(
  app: Application,
  cluster: Cluster,
  manifests: ManifestGenerator,
  refresh: RefreshMode,
): Promise<RenderedApp> {
  const sources = effectiveSources(app);
  const capabilities = {
    kubeVersion: await cluster.discovery.version(),
    apiVersions: await cluster.discovery.apiVersions(),
  };
  const ctx: RenderContext = { app, sources, capabilities, refresh };
  const renderable = sources.filter((s) => s.chart || s.path !== undefined || !s.ref);
  const results = await Promise.all(renderable.map((s) => manifests.generate(manifestRequest(s, ctx))));
  return {
    objects: results.flatMap((r) => r.objects),
    revision: results[0]?.revision ?? '',
    revisions: results.map((r) => r.revision),
    sourceType: results[0]?.sourceType ?? '',
    sourceTypes: results.map((r) => r.sourceType),
  };
}
