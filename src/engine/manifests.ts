/**
 * Desired state: fetch the source (Helm repository chart or Git path), resolve value
 * files, and render with helm, kustomize or as plain manifests — through the render
 * cache, so an unchanged source never renders twice. Dialect-free: Argo and Flux
 * controllers translate their resources into a ManifestRequest.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { KubeObject } from '../kube/object.js';
import { HelmChartSource } from '../sources/helm/chart-source.js';
import type { HelmCredentials } from '../sources/helm/types.js';
import type { GitSource } from '../sources/git/index.js';
import { RenderCache } from '../render/cache.js';
import { helmTemplate } from '../render/helm-template.js';
import { kustomizeBuild, kustomizationFileNames } from '../render/kustomize.js';
import { renderDirectory, type DirectoryOptions } from '../render/directory.js';
import { RenderError } from '../render/errors.js';
import {
  hasKustomizeEdits,
  kustomizeBuildWithEdits,
  type KustomizeEditOptions,
} from '../render/kustomize-edits.js';
import { applyKustomizeOverrides, applySourceOverrides } from '../render/source-overrides.js';
import { toolVersion } from '../tools/binaries.js';

export interface HelmRenderOptions {
  valueFiles?: string[];
  values?: string;
  valuesObject?: Record<string, unknown>;
  parameters?: Array<{ name: string; value: string; forceString?: boolean }>;
  releaseName?: string;
  skipCrds?: boolean;
  ignoreMissingValueFiles?: boolean;
}

export interface ManifestRequest {
  repoURL: string;
  /** A chart of a Helm repository; otherwise `path` in a Git repository. */
  chart?: string;
  path?: string;
  /** Chart version/range, or Git branch/tag/commit/HEAD. */
  revision: string;
  oci?: boolean;
  helm?: HelmRenderOptions;
  /** Written into the path's kustomization file (in a private copy) before `kustomize build`. */
  kustomize?: KustomizeEditOptions;
  directory?: DirectoryOptions;
  /** Other sources by name, for value files written `$name/path`. */
  refs?: Record<string, { repoURL: string; revision: string }>;
  releaseName: string;
  namespace: string;
  kubeVersion?: string;
  apiVersions?: string[];
  /** Fetch the sources again now (a webhook or refresh request) instead of within the fetch interval. */
  refresh?: boolean;
  /** Hard refresh: also bypass the render cache. */
  force?: boolean;
  /** Argo CD: the Application's name, to read `.argocd-source[-<name>].yaml` overrides in the path. */
  sourceOverridesFor?: string;
}

export interface ManifestResult {
  objects: KubeObject[];
  /** Chart version or Git commit sha. */
  revision: string;
  sourceType: 'Helm' | 'Kustomize' | 'Directory';
  cached: boolean;
}

export interface ManifestDeps {
  charts: HelmChartSource;
  git: GitSource;
  cache: RenderCache;
  credentials: (repoURL: string) => Promise<(HelmCredentials & { enableOCI?: boolean }) | undefined>;
}

export class ManifestGenerator {
  constructor(private readonly deps: ManifestDeps) {}

  async generate(req: ManifestRequest): Promise<ManifestResult> {
    return req.chart ? this.fromChart(req, req.chart) : this.fromGit(req);
  }

  private async fromChart(req: ManifestRequest, chartName: string): Promise<ManifestResult> {
    const credentials = await this.deps.credentials(req.repoURL);
    const chart = await this.deps.charts.fetch({
      repoURL: req.repoURL,
      chart: chartName,
      version: req.revision,
      credentials,
      oci: req.oci ?? credentials?.enableOCI,
      force: req.force || req.refresh,
    });
    const { files, refShas } = await this.valueFiles(req, chart.dir);
    const key = RenderCache.key({
      t: 'helm',
      d: chart.digest,
      files,
      refShas,
      ...this.renderInputs(req),
      helm: await toolVersion('helm'),
    });
    const { objects, cached } = await this.deps.cache.get(
      key,
      () => this.template(req, chart.dir, files),
      req.force,
    );
    return { objects, revision: chart.version, sourceType: 'Helm', cached };
  }

  private async fromGit(request: ManifestRequest): Promise<ManifestResult> {
    let req = request;
    const { sha } = await this.deps.git.resolve(req.repoURL, req.revision, {
      force: req.force || req.refresh,
    });
    const checkout = await this.deps.git.checkout(req.repoURL, sha);
    const root = insideRoot(checkout, req.path ?? '.', 'spec.source.path');
    if (!existsSync(root))
      throw new RenderError(
        `app path "${req.path ?? '.'}" does not exist in ${req.repoURL} at ${sha.slice(0, 12)}`,
      );
    req = withSourceOverrides(req, root);
    const sourceType = gitSourceType(root);
    const edits = hasKustomizeEdits(req.kustomize) ? req.kustomize : undefined;
    if (edits && sourceType !== 'Kustomize')
      throw new RenderError(
        `kustomize options are set, but path "${req.path ?? '.'}" has no kustomization.yaml, kustomization.yml or Kustomization`,
      );
    const { files, refShas } =
      sourceType === 'Helm' ? await this.valueFiles(req, root) : { files: [], refShas: {} };
    const tool =
      sourceType === 'Directory' ? '' : await toolVersion(sourceType === 'Helm' ? 'helm' : 'kustomize');
    const key = RenderCache.key({
      t: sourceType,
      sha,
      path: req.path,
      files,
      refShas,
      dir: req.directory,
      kustomize: edits,
      ...this.renderInputs(req),
      tool,
    });
    const render = async (): Promise<KubeObject[]> => {
      if (sourceType === 'Helm') return this.template(req, root, files);
      if (sourceType === 'Kustomize')
        return edits
          ? kustomizeBuildWithEdits(checkout, relative(checkout, root), edits)
          : kustomizeBuild(root);
      return renderDirectory(root, req.directory);
    };
    const { objects, cached } = await this.deps.cache.get(key, render, req.force);
    return { objects, revision: sha, sourceType, cached };
  }

  private renderInputs(req: ManifestRequest): Record<string, unknown> {
    return {
      ns: req.namespace,
      rel: req.helm?.releaseName ?? req.releaseName,
      values: req.helm?.values,
      valuesObject: req.helm?.valuesObject,
      params: req.helm?.parameters,
      skipCrds: req.helm?.skipCrds,
      kube: req.kubeVersion,
      apis: req.apiVersions,
    };
  }

  private template(req: ManifestRequest, chartDir: string, valueFiles: string[]): Promise<KubeObject[]> {
    return helmTemplate({
      chartDir,
      releaseName: req.helm?.releaseName ?? req.releaseName,
      namespace: req.namespace,
      valueFiles,
      values: req.helm?.values,
      valuesObject: req.helm?.valuesObject,
      parameters: req.helm?.parameters,
      kubeVersion: req.kubeVersion,
      apiVersions: req.apiVersions,
      skipCrds: req.helm?.skipCrds,
    });
  }

  /** Value files resolved to absolute paths: inside the chart/path, or `$ref/...` in another source. */
  private async valueFiles(
    req: ManifestRequest,
    base: string,
  ): Promise<{ files: string[]; refShas: Record<string, string> }> {
    const files: string[] = [];
    const refShas: Record<string, string> = {};
    for (const file of req.helm?.valueFiles ?? []) {
      const located = await this.locateValueFile(req, base, file);
      if (located.refName) refShas[located.refName] = located.refSha!;
      if (located.path) files.push(located.path);
    }
    return { files, refShas };
  }

  /** Where one value file is: a URL, a path in the chart/path, or `$ref/...` in another source. */
  private async locateValueFile(
    req: ManifestRequest,
    base: string,
    file: string,
  ): Promise<{ path?: string; refName?: string; refSha?: string }> {
    if (/^https?:\/\//.test(file)) return { path: file };
    const ref = /^\$([^/]+)\/(.*)$/.exec(file);
    const { root, refSha } = ref ? await this.refRoot(req, ref[1]!, file) : { root: base, refSha: undefined };
    const path = insideRoot(root, ref ? ref[2]! : file, `value file ${file}`);
    const found = existsSync(path);
    if (!found && !req.helm?.ignoreMissingValueFiles) {
      throw new RenderError(`value file ${file} not found${ref ? '' : ' in the chart'}`);
    }
    return { path: found ? path : undefined, refName: ref?.[1], refSha };
  }

  /** The checkout of the source named `refName` (multi-source `$ref/...` value files). */
  private async refRoot(
    req: ManifestRequest,
    refName: string,
    file: string,
  ): Promise<{ root: string; refSha: string }> {
    const source = req.refs?.[refName];
    if (!source) throw new RenderError(`value file ${file}: no source with ref "${refName}"`);
    const { sha } = await this.deps.git.resolve(source.repoURL, source.revision, {
      force: req.force || req.refresh,
    });
    return { root: await this.deps.git.checkout(source.repoURL, sha), refSha: sha };
  }
}

/** Argo CD: the request with `.argocd-source[-<app>].yaml` in the path merged in. */
function withSourceOverrides(req: ManifestRequest, root: string): ManifestRequest {
  if (req.sourceOverridesFor === undefined) return req;
  return {
    ...req,
    helm: applySourceOverrides(req.helm, root, req.sourceOverridesFor),
    kustomize: applyKustomizeOverrides(req.kustomize, root, req.sourceOverridesFor),
  };
}

function gitSourceType(root: string): ManifestResult['sourceType'] {
  if (existsSync(join(root, 'Chart.yaml'))) return 'Helm';
  return kustomizationFileNames.some((f) => existsSync(join(root, f))) ? 'Kustomize' : 'Directory';
}

/** Joins and refuses paths that climb out of the repository or chart. */
function insideRoot(root: string, rel: string, what: string): string {
  const full = resolve(root, rel);
  if (full !== resolve(root) && !full.startsWith(resolve(root) + sep)) {
    throw new RenderError(`${what}: "${rel}" points outside the repository`);
  }
  return full;
}
