/**
 * The Flux controller set: one KindController per kind (HelmRepository, GitRepository,
 * OCIRepository, HelmChart, HelmRelease, Kustomization) watching every namespace, and the
 * wiring between them: a source's new artifact (or a change of its Ready condition) queues
 * the objects that consume it, a Kustomization's Ready change queues those that dependOn it,
 * and a change to a ConfigMap/Secret a HelmRelease reads queues it.
 */
import { join } from 'node:path';
import {
  HELM_API_VERSION,
  KUSTOMIZE_API_VERSION,
  SOURCE_API_VERSION,
  type Artifact,
  type Condition,
  type HelmChart,
  type HelmRelease,
  type Kustomization,
} from '../../api/flux/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { GitSource, type GitCredentials } from '../../sources/git/index.js';
import { HelmChartSource } from '../../sources/helm/chart-source.js';
import { OciClient } from '../../sources/oci/client.js';
import { cacheDir as defaultCacheDir } from '../../util/paths.js';
import type { Logger } from '../../util/log.js';
import { gitRepositoryHandler } from './gitrepository.js';
import { helmChartHandler } from './helmchart.js';
import { helmRepositoryHandler } from './helmrepository.js';
import { Destinations } from './helmrelease/destination.js';
import { HelmReleaseReconciler } from './helmrelease/reconcile.js';
import type { ChartSourceRef } from './helmrelease/source.js';
import { KindController, objectKey, type KindReconciler, type ReconcileObserver } from './kind-controller.js';
import { dependsOn } from './kustomization/dependencies.js';
import { KustomizationReconciler } from './kustomization/reconcile.js';
import { sourceKey } from './kustomization/source.js';
import { ociRepositoryHandler } from './ocirepository.js';
import { reconcileSource, type AnySource, type SourceKindHandler } from './source-reconcile.js';
import { ValuesWatches } from './values-watch.js';

export interface FluxControllerOptions {
  home: Cluster;
  log: Logger;
  /** Caches and artifacts; default `<ferry cache>/flux`. */
  cacheDir?: string;
  /** The engine's chart source, to share its caches; one of its own otherwise. */
  charts?: HelmChartSource;
  /** Where a sourceRef without namespace is looked up as a last resort; default flux-system. */
  defaultSourceNamespace?: string;
  /** Concurrent HelmRelease reconciles (each may wait on helm for its timeout); default 4. */
  releaseWorkers?: number;
  /** Concurrent Kustomization reconciles (each may wait on health checks); default 4. */
  kustomizationWorkers?: number;
  /** Told how long each reconcile of each kind took. */
  onReconciled?: ReconcileObserver;
}

type Status = { artifact?: Artifact; conditions?: Condition[] } | undefined;

/** Did a source's output change: its artifact revision, or its Ready condition? */
export function sourceChanged(obj: KubeObject, previous: KubeObject | undefined): boolean {
  const now = obj.status as Status;
  const before = previous?.status as Status;
  const ready = (s: Status): string => {
    const c = s?.conditions?.find((x) => x.type === 'Ready');
    return `${c?.status ?? ''}|${c?.message ?? ''}`;
  };
  return now?.artifact?.revision !== before?.artifact?.revision || ready(now) !== ready(before);
}

/** The same revision published at another place (a re-fetch after the folder was lost). */
function artifactMoved(obj: KubeObject, previous: KubeObject | undefined): boolean {
  return (obj.status as Status)?.artifact?.url !== (previous?.status as Status)?.artifact?.url;
}

function sourceReconciler<T extends AnySource>(
  deps: { home: Cluster; log: Logger },
  handler: SourceKindHandler<T>,
): KindReconciler {
  return { reconcile: (namespace, name) => reconcileSource(deps, handler, { namespace, name }) };
}

export class FluxController {
  readonly helmRepositories: KindController;
  readonly gitRepositories: KindController;
  readonly ociRepositories: KindController;
  readonly helmCharts: KindController;
  readonly helmReleases: KindController;
  readonly kustomizations: KindController;
  private readonly destinations: Destinations;
  private readonly values: ValuesWatches;

  constructor(options: FluxControllerOptions) {
    const { home, log } = options;
    const root = options.cacheDir ?? join(defaultCacheDir(), 'flux');
    const credentials = new Map<string, GitCredentials>();
    const git = new GitSource({
      cacheDir: join(root, 'git'),
      credentialsFor: (url) => Promise.resolve(credentials.get(url)),
    });
    const charts = options.charts ?? new HelmChartSource({ cacheDir: join(root, 'charts') });
    const artifactRoot = join(root, 'artifacts');
    const deps = { home, log };
    const kind = (
      k: string,
      reconciler: KindReconciler,
      apiVersion = SOURCE_API_VERSION,
      workers = 2,
    ): KindController =>
      new KindController({
        home,
        apiVersion,
        kind: k,
        reconciler,
        log,
        workers,
        onReconciled: options.onReconciled,
      });
    this.helmRepositories = kind(
      'HelmRepository',
      sourceReconciler(deps, helmRepositoryHandler({ ...deps, artifactRoot })),
    );
    this.gitRepositories = kind(
      'GitRepository',
      sourceReconciler(deps, gitRepositoryHandler({ ...deps, git, credentials })),
    );
    this.ociRepositories = kind(
      'OCIRepository',
      sourceReconciler(
        deps,
        ociRepositoryHandler({ ...deps, oci: new OciClient(join(root, 'oci')), artifactRoot }),
      ),
    );
    this.helmCharts = kind(
      'HelmChart',
      sourceReconciler(deps, helmChartHandler({ ...deps, charts, artifactRoot })),
    );
    this.destinations = new Destinations(home);
    this.values = new ValuesWatches(home, (key) => this.helmReleases.queue.add(key), log);
    const releases = new HelmReleaseReconciler({
      ...deps,
      destinations: this.destinations,
      defaultSourceNamespace: options.defaultSourceNamespace ?? 'flux-system',
      watchValues: (hr) => this.values.track(hr),
      refetchSource: (ref) => this.refetch(ref),
    });
    this.helmReleases = kind('HelmRelease', releases, HELM_API_VERSION, options.releaseWorkers ?? 4);
    this.kustomizations = kind(
      'Kustomization',
      new KustomizationReconciler({
        ...deps,
        destinations: this.destinations,
        refetchSource: (src) =>
          (src.kind === 'OCIRepository' ? this.ociRepositories : this.gitRepositories).enqueue(
            src.namespace,
            src.name,
          ),
      }),
      KUSTOMIZE_API_VERSION,
      options.kustomizationWorkers ?? 4,
    );
    this.wire();
  }

  private all(): KindController[] {
    return [
      this.helmRepositories,
      this.gitRepositories,
      this.ociRepositories,
      this.helmCharts,
      this.helmReleases,
      this.kustomizations,
    ];
  }

  start(): void {
    for (const c of this.all()) c.start();
  }

  async stop(): Promise<void> {
    this.values.stop();
    await Promise.all(this.all().map((c) => c.stop()));
    this.destinations.cleanup();
  }

  private refetch(ref: ChartSourceRef): void {
    const target = ref.kind === 'HelmChart' ? this.helmCharts : this.ociRepositories;
    target.enqueue(ref.namespace, ref.name);
  }

  private wire(): void {
    const chartsFrom = (kind: string, source: KubeObject): void => {
      for (const chart of this.helmCharts.list() as HelmChart[]) {
        const ref = chart.spec.sourceRef;
        if (
          ref.kind === kind &&
          ref.name === source.metadata.name &&
          chart.metadata.namespace === source.metadata.namespace
        ) {
          this.helmCharts.enqueue(chart.metadata.namespace ?? '', chart.metadata.name ?? '');
        }
      }
    };
    this.helmRepositories.onChange((type, obj, prev) => {
      if (
        type === 'DELETED' ||
        sourceChanged(obj, prev) ||
        obj.metadata.generation !== prev?.metadata.generation
      )
        chartsFrom('HelmRepository', obj);
    });
    this.gitRepositories.onChange((type, obj, prev) => {
      if (type === 'DELETED' || sourceChanged(obj, prev)) chartsFrom('GitRepository', obj);
      if (type === 'DELETED' || sourceChanged(obj, prev) || artifactMoved(obj, prev))
        this.kustomizationsOf('GitRepository', obj);
    });
    this.helmCharts.onChange((type, obj, prev) => {
      if (type === 'DELETED' || sourceChanged(obj, prev)) this.releasesOf('HelmChart', obj);
    });
    this.ociRepositories.onChange((type, obj, prev) => {
      if (type === 'DELETED' || sourceChanged(obj, prev)) this.releasesOf('OCIRepository', obj);
      if (type === 'DELETED' || sourceChanged(obj, prev) || artifactMoved(obj, prev))
        this.kustomizationsOf('OCIRepository', obj);
    });
    this.kustomizations.onChange((type, obj, prev) => {
      if (type === 'DELETED' || sourceChanged(obj, prev)) this.dependentsOf(obj);
    });
    this.helmReleases.onChange((type, obj) => {
      if (type === 'DELETED')
        this.values.forget(objectKey(obj.metadata.namespace ?? '', obj.metadata.name ?? ''));
    });
  }

  private releasesOf(kind: 'HelmChart' | 'OCIRepository', source: KubeObject): void {
    const id = `${source.metadata.namespace ?? ''}/${source.metadata.name ?? ''}`;
    for (const hr of this.helmReleases.list() as HelmRelease[]) {
      const ref = hr.spec.chartRef;
      const byRef = ref?.kind === kind && ref.name === source.metadata.name;
      const generated = kind === 'HelmChart' && hr.status?.helmChart === id;
      if (byRef || generated) this.helmReleases.enqueue(hr.metadata.namespace ?? '', hr.metadata.name ?? '');
    }
  }

  private kustomizationsOf(kind: string, source: KubeObject): void {
    for (const ks of this.kustomizations.list() as Kustomization[]) {
      const ref = sourceKey(ks);
      if (
        ref.kind === kind &&
        ref.name === source.metadata.name &&
        ref.namespace === source.metadata.namespace
      )
        this.kustomizations.enqueue(ks.metadata.namespace ?? '', ks.metadata.name ?? '');
    }
  }

  private dependentsOf(dependency: KubeObject): void {
    const { namespace = '', name = '' } = dependency.metadata;
    for (const ks of this.kustomizations.list() as Kustomization[]) {
      if (dependsOn(ks, namespace, name))
        this.kustomizations.enqueue(ks.metadata.namespace ?? '', ks.metadata.name ?? '');
    }
  }
}
