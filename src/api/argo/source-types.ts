/**
 * ApplicationSource and the renderer options it carries (Helm, Kustomize, directory/Jsonnet,
 * config management plugin), with Argo CD's field names.
 */

export interface HelmParameter {
  name?: string;
  value?: string;
  /** Pass the value with --set-string instead of --set. */
  forceString?: boolean;
}

export interface HelmFileParameter {
  name?: string;
  path?: string;
}

export interface ApplicationSourceHelm {
  valueFiles?: string[];
  /** Values as a YAML block; `valuesObject` wins when both are set. */
  values?: string;
  valuesObject?: Record<string, unknown>;
  parameters?: HelmParameter[];
  fileParameters?: HelmFileParameter[];
  releaseName?: string;
  skipCrds?: boolean;
  skipTests?: boolean;
  skipSchemaValidation?: boolean;
  ignoreMissingValueFiles?: boolean;
  passCredentials?: boolean;
  version?: string;
  namespace?: string;
  apiVersions?: string[];
  kubeVersion?: string;
}

export interface KustomizeReplica {
  name: string;
  count: number | string;
}

export interface KustomizePatch {
  path?: string;
  patch?: string;
  target?: {
    group?: string;
    version?: string;
    kind?: string;
    name?: string;
    namespace?: string;
    labelSelector?: string;
    annotationSelector?: string;
  };
  options?: Record<string, boolean>;
}

export interface ApplicationSourceKustomize {
  namePrefix?: string;
  nameSuffix?: string;
  /** `[old_name=]name[:tag|@digest]` */
  images?: string[];
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  commonAnnotationsEnvsubst?: boolean;
  forceCommonLabels?: boolean;
  forceCommonAnnotations?: boolean;
  labelWithoutSelector?: boolean;
  labelIncludeTemplates?: boolean;
  version?: string;
  namespace?: string;
  replicas?: KustomizeReplica[];
  patches?: KustomizePatch[];
  components?: string[];
  ignoreMissingComponents?: boolean;
  kubeVersion?: string;
  apiVersions?: string[];
}

export interface JsonnetVar {
  name: string;
  value: string;
  code?: boolean;
}

export interface ApplicationSourceDirectory {
  recurse?: boolean;
  include?: string;
  exclude?: string;
  jsonnet?: { extVars?: JsonnetVar[]; tlas?: JsonnetVar[]; libs?: string[] };
}

export interface ApplicationSourcePlugin {
  name?: string;
  env?: Array<{ name: string; value: string }>;
  parameters?: Array<{ name?: string; string?: string; map?: Record<string, string>; array?: string[] }>;
}

export interface ApplicationSource {
  repoURL: string;
  /** Directory in a Git repository. */
  path?: string;
  /** Git commit/tag/branch or Helm chart version; HEAD when omitted. */
  targetRevision?: string;
  /** Chart name, for charts pulled from a Helm repository or OCI registry. */
  chart?: string;
  /** Name other sources use to refer to this one (`$ref/...`), multi-source only. */
  ref?: string;
  name?: string;
  helm?: ApplicationSourceHelm;
  kustomize?: ApplicationSourceKustomize;
  directory?: ApplicationSourceDirectory;
  plugin?: ApplicationSourcePlugin;
}

/** A dry source rendered and committed to a branch, which the application then syncs from. */
export interface SourceHydrator {
  drySource: Omit<ApplicationSource, 'chart' | 'ref' | 'name'> & { targetRevision: string; path: string };
  syncSource: { targetBranch: string; path: string };
  hydrateTo?: { targetBranch: string };
}
