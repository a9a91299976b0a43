/**
 * The chart a HelmRelease installs, from its source: the HelmChart it made (or names in
 * `chartRef`) or an OCIRepository (`chartRef`). The source must be Ready for its latest
 * generation and have an artifact on this disk; then the chart folder (or packaged .tgz)
 * and its Chart.yaml are read.
 */
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  SOURCE_API_VERSION,
  type Artifact,
  type FluxObject,
  type FluxStatus,
  type HelmRelease,
} from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import { run } from '../../../util/exec.js';
import { artifactDir } from '../artifacts.js';
import { getCondition } from '../conditions.js';
import { readChartMetadata, type ChartMetadata } from '../helmchart.js';
import { sourceNamespace } from './chart-template.js';

export interface ChartSourceRef {
  kind: 'HelmChart' | 'OCIRepository';
  namespace: string;
  name: string;
}

export interface LoadedChart {
  path: string;
  meta: ChartMetadata;
  artifact: Artifact;
}

/** Why the chart cannot be had yet; `reason` is the Ready condition's. */
export class ChartSourceError extends Error {
  constructor(
    readonly reason: 'ArtifactFailed' | 'SourceNotReady',
    message: string,
    readonly source?: ChartSourceRef,
    /** The source reported a failure (Ready=False), rather than not being done yet. */
    readonly failed = true,
  ) {
    super(message);
    this.name = 'ChartSourceError';
  }
}

export async function chartSourceRef(
  home: Cluster,
  hr: HelmRelease,
  fallback: string,
): Promise<ChartSourceRef> {
  const own = hr.metadata.namespace ?? 'default';
  if (hr.spec.chartRef) {
    const ref = hr.spec.chartRef;
    return { kind: ref.kind, namespace: await sourceNamespace(home, ref, own, fallback), name: ref.name };
  }
  const [namespace = own, name = ''] = (hr.status?.helmChart ?? '').split('/');
  return { kind: 'HelmChart', namespace, name };
}

type Source = FluxObject<unknown, FluxStatus & { artifact?: Artifact }>;

function readiness(source: Source, what: string, ref: ChartSourceRef): ChartSourceError | undefined {
  const notReady = (message: string, failed: boolean): ChartSourceError =>
    new ChartSourceError('SourceNotReady', `${what} is not ready: ${message}`, ref, failed);
  const ready = getCondition(source, 'Ready');
  const status = source.status ?? {};
  // A failure of the latest generation says more than "not reconciled yet".
  if (ready?.status === 'False' && ready.observedGeneration === source.metadata.generation) {
    return notReady(ready.message, true);
  }
  if (source.metadata.generation !== status.observedGeneration) {
    return notReady('latest generation of object has not been reconciled', false);
  }
  if (ready?.status !== 'True') return notReady(ready?.message ?? 'not reconciled yet', false);
  return status.artifact ? undefined : notReady('it has no artifact', false);
}

/** A packaged chart (.tgz) extracted beside itself, once. */
async function unpack(file: string): Promise<string> {
  const dir = `${file}.d`;
  if (!existsSync(dir)) {
    const tmp = mkdtempSync(`${dir}.tmp-`);
    try {
      await run('tar', ['-xzf', file, '-C', tmp]);
      renameSync(tmp, dir);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return findChart(dir);
}

/** The chart folder inside an artifact: the folder itself, its one sub-folder, or its one .tgz. */
export async function findChart(dir: string): Promise<string> {
  if (existsSync(join(dir, 'Chart.yaml'))) return dir;
  const entries = readdirSync(dir, { withFileTypes: true });
  const tgz = entries.filter((e) => e.isFile() && e.name.endsWith('.tgz'));
  if (tgz.length === 1) return unpack(join(dir, tgz[0]!.name));
  const sub = entries.filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'Chart.yaml')));
  if (sub.length === 1) return join(dir, sub[0]!.name);
  throw new Error('the artifact holds no Helm chart (no Chart.yaml, packaged chart or chart folder)');
}

export async function loadChart(home: Cluster, ref: ChartSourceRef): Promise<LoadedChart> {
  const what = `${ref.kind} '${ref.namespace}/${ref.name}'`;
  const source = (await home.get({
    apiVersion: SOURCE_API_VERSION,
    kind: ref.kind,
    namespace: ref.namespace,
    name: ref.name,
  })) as Source | undefined;
  if (!source)
    throw new ChartSourceError('ArtifactFailed', `could not get Source object: ${what} not found`, ref);
  const notReady = readiness(source, what, ref);
  if (notReady) throw notReady;
  const artifact = source.status!.artifact!;
  const dir = artifactDir(artifact);
  if (!dir) throw new ChartSourceError('ArtifactFailed', 'Source not ready: artifact not found', ref);
  try {
    const path = await findChart(dir);
    return { path, meta: readChartMetadata(path), artifact };
  } catch (err) {
    throw new ChartSourceError('ArtifactFailed', `Could not load chart: ${(err as Error).message}`, ref);
  }
}
