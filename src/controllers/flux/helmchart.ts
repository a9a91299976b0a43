/**
 * HelmChart (source.toolkit.fluxcd.io/v1): one chart from its source.
 * - HelmRepository (HTTP index or OCI registry): resolves `version` (exact or semver range,
 *   default `*`) to the highest match, downloads and verifies the chart with the engine's
 *   HelmChartSource (OCI through the real helm, with the repository's secretRef and
 *   `insecure` for plain-HTTP registries). Revision = chart version.
 * - GitRepository: the chart folder at `chart` inside the repository's artifact; version from
 *   Chart.yaml, with `+<commit>` appended under `reconcileStrategy: Revision`.
 * The artifact is the extracted chart folder. A failure keeps the last good artifact.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import semver from 'semver';
import { parse } from 'yaml';
import {
  SOURCE_API_VERSION,
  validateHelmChart,
  type GitRepository,
  type HelmChart,
  type HelmRepository,
} from '../../api/flux/index.js';
import type { Cluster } from '../../kube/cluster.js';
import { ChartNotFoundError, RepositoryError } from '../../sources/helm/errors.js';
import type { HelmChartSource } from '../../sources/helm/chart-source.js';
import { artifactDir, folderDigest } from './artifacts.js';
import { getCondition } from './conditions.js';
import { helmRepositoryCredentials } from './helmrepository.js';
import { packageChart, valuesFilePaths, ValuesFileError } from './chart-package.js';
import {
  SourceFetchError,
  type FetchResult,
  type SourceDeps,
  type SourceKindHandler,
} from './source-reconcile.js';

export interface HelmChartDeps extends SourceDeps {
  charts: HelmChartSource;
  artifactRoot: string;
  onNewArtifact?: (chart: HelmChart) => void;
}

export interface ChartMetadata {
  name: string;
  version: string;
  appVersion?: string;
}

/** Chart.yaml of a chart folder. */
export function readChartMetadata(dir: string): ChartMetadata {
  const file = join(dir, 'Chart.yaml');
  if (!existsSync(file)) throw new Error(`no Chart.yaml in ${dir}`);
  const meta = parse(readFileSync(file, 'utf8')) as Partial<ChartMetadata> | null;
  if (!meta?.name || !meta.version) throw new Error(`${file} lacks a name or version`);
  return {
    name: meta.name,
    version: String(meta.version),
    appVersion: meta.appVersion ? String(meta.appVersion) : undefined,
  };
}

async function getSource<T>(home: Cluster, chart: HelmChart): Promise<T> {
  const ref = chart.spec.sourceRef;
  const source = await home.get({
    apiVersion: SOURCE_API_VERSION,
    kind: ref.kind,
    namespace: chart.metadata.namespace,
    name: ref.name,
  });
  if (!source) {
    throw new SourceFetchError(
      'SourceUnavailable',
      `failed to get source: ${ref.kind} '${chart.metadata.namespace ?? ''}/${ref.name}' not found`,
    );
  }
  return source as T;
}

function checkVersion(version: string): void {
  const v = version.trim();
  if (v === '' || v === '*' || semver.valid(v) || semver.validRange(v)) return;
  throw new SourceFetchError(
    'InvalidChartReference',
    `invalid chart version constraint '${version}': not a semver version or range`,
    true,
  );
}

/** A chart source failure, with the reason Flux reports for it. */
function pullError(err: unknown): unknown {
  if (err instanceof ChartNotFoundError)
    return new SourceFetchError('ChartPullFailed', err.message, false, { cause: err });
  if (!(err instanceof RepositoryError)) return err;
  const auth = /credentials|unauthorized|denied|\b401\b|\b403\b/i.test(err.message);
  return new SourceFetchError(auth ? 'AuthenticationFailed' : 'ChartPullFailed', err.message, false, {
    cause: err,
  });
}

async function fromHelmRepository(deps: HelmChartDeps, chart: HelmChart): Promise<FetchResult> {
  const repo = await getSource<HelmRepository>(deps.home, chart);
  const version = chart.spec.version ?? '*';
  checkVersion(version);
  deps.log.debug('fetching chart', {
    chart: `${chart.metadata.namespace ?? ''}/${chart.metadata.name ?? ''}`,
    repository: repo.spec.url,
    version,
  });
  const creds = await helmRepositoryCredentials(deps, repo).catch((err: Error) => {
    throw new SourceFetchError('AuthenticationFailed', err.message);
  });
  const fetched = await deps.charts
    .fetch({
      repoURL: repo.spec.url,
      chart: chart.spec.chart,
      version: version === '*' ? '' : version,
      credentials: { ...creds, insecure: repo.spec.insecure },
      force: getCondition(chart, 'Ready')?.status !== 'True',
    })
    .catch((err: unknown) => {
      throw pullError(err);
    });
  const dir = withValuesFiles(deps, chart, { dir: fetched.dir, base: fetched.dir });
  return {
    artifact: {
      dir,
      revision: fetched.version,
      digest: dir === fetched.dir ? `sha256:${fetched.digest}` : folderDigest(dir),
    },
    reason: 'ChartPullSucceeded',
    message: `pulled '${chart.spec.chart}' chart with version '${fetched.version}'`,
    status: {
      observedChartName: chart.spec.chart,
      observedSourceArtifactRevision: repo.status?.artifact?.revision,
    },
  };
}

/** `valuesFiles` (relative to `base`) merged into the chart's values, and `version`, as a packaged copy. */
function withValuesFiles(
  deps: HelmChartDeps,
  chart: HelmChart,
  at: { dir: string; base: string; version?: string },
): string {
  const files = [
    ...(chart.spec.valuesFile ? [chart.spec.valuesFile] : []),
    ...(chart.spec.valuesFiles ?? []),
  ];
  try {
    return packageChart(at.dir, deps.artifactRoot, {
      version: at.version,
      valuesFiles: valuesFilePaths(at.base, files),
      ignoreMissingValuesFiles: chart.spec.ignoreMissingValuesFiles,
    });
  } catch (err) {
    if (err instanceof ValuesFileError) throw new SourceFetchError('ChartPackageFailed', err.message, true);
    throw err;
  }
}

function fromGitRepository(deps: HelmChartDeps, chart: HelmChart, repo: GitRepository): FetchResult {
  const root = artifactDir(repo.status?.artifact);
  if (!root || !repo.status?.artifact) {
    throw new SourceFetchError(
      'SourceUnavailable',
      `GitRepository '${repo.metadata.namespace ?? ''}/${repo.metadata.name ?? ''}' has no artifact yet`,
    );
  }
  const dir = resolve(root, chart.spec.chart);
  if (!dir.startsWith(root))
    throw new SourceFetchError(
      'InvalidChartReference',
      `chart path '${chart.spec.chart}' leaves the repository`,
      true,
    );
  let meta: ChartMetadata;
  try {
    meta = readChartMetadata(dir);
  } catch (err) {
    throw new SourceFetchError(
      'ChartPackageFailed',
      `chart '${chart.spec.chart}': ${(err as Error).message}`,
    );
  }
  const sha = repo.status.artifact.revision.replace(/^.*:/, '');
  const revisioned = chart.spec.reconcileStrategy === 'Revision';
  const version = revisioned ? `${meta.version}+${sha.slice(0, 12)}` : meta.version;
  const packaged = withValuesFiles(deps, chart, {
    dir,
    base: root,
    version: revisioned ? version : undefined,
  });
  return {
    artifact: { dir: packaged, revision: version, digest: folderDigest(packaged) },
    reason: 'ChartPackageSucceeded',
    message: `packaged '${meta.name}' chart with version '${version}'`,
    status: { observedChartName: meta.name, observedSourceArtifactRevision: repo.status.artifact.revision },
  };
}

export function helmChartHandler(deps: HelmChartDeps): SourceKindHandler<HelmChart> {
  return {
    apiVersion: SOURCE_API_VERSION,
    kind: 'HelmChart',
    failureReason: 'ChartPullFailed',
    validate: (obj) => validateHelmChart(obj).errors,
    onNewArtifact: (chart) => deps.onNewArtifact?.(chart),
    async fetch(chart): Promise<FetchResult> {
      switch (chart.spec.sourceRef.kind) {
        case 'HelmRepository':
          return fromHelmRepository(deps, chart);
        case 'GitRepository':
          return fromGitRepository(deps, chart, await getSource<GitRepository>(deps.home, chart));
        default:
          throw new SourceFetchError(
            'InvalidChartReference',
            `spec.sourceRef.kind ${chart.spec.sourceRef.kind} is not supported by Ferry yet`,
            true,
          );
      }
    },
  };
}
