/**
 * source.toolkit.fluxcd.io kinds Ferry reads: HelmRepository, GitRepository, OCIRepository
 * (v1beta2 and v1) and HelmChart, with the fields source-controller's Go types declare.
 */
import type { Artifact, FluxObject, FluxStatus, LocalObjectReference } from './common-types.js';

export interface HelmRepositorySpec {
  url: string;
  secretRef?: LocalObjectReference;
  certSecretRef?: LocalObjectReference;
  passCredentials?: boolean;
  interval?: string;
  insecure?: boolean;
  timeout?: string;
  suspend?: boolean;
  accessFrom?: { namespaceSelectors: Array<{ matchLabels?: Record<string, string> }> };
  type?: 'default' | 'oci';
  provider?: 'generic' | 'aws' | 'azure' | 'gcp';
}

export interface SourceStatus extends FluxStatus {
  url?: string;
  artifact?: Artifact;
}

export type HelmRepository = FluxObject<HelmRepositorySpec, SourceStatus>;

export interface GitRepositoryRef {
  branch?: string;
  tag?: string;
  semver?: string;
  name?: string;
  commit?: string;
}

export interface GitRepositorySpec {
  url: string;
  secretRef?: LocalObjectReference;
  provider?: 'generic' | 'azure' | 'github';
  interval: string;
  timeout?: string;
  ref?: GitRepositoryRef;
  verify?: { mode?: 'HEAD' | 'Tag' | 'TagAndHEAD'; secretRef: LocalObjectReference };
  proxySecretRef?: LocalObjectReference;
  ignore?: string;
  suspend?: boolean;
  recurseSubmodules?: boolean;
  include?: Array<{ repository: LocalObjectReference; fromPath?: string; toPath?: string }>;
  sparseCheckout?: string[];
  serviceAccountName?: string;
}

export type GitRepository = FluxObject<GitRepositorySpec, SourceStatus>;

export interface OCIRepositoryRef {
  digest?: string;
  semver?: string;
  semverFilter?: string;
  tag?: string;
}

export interface OCILayerSelector {
  mediaType?: string;
  operation?: 'extract' | 'copy';
}

export interface OCIRepositorySpec {
  url: string;
  ref?: OCIRepositoryRef;
  layerSelector?: OCILayerSelector;
  provider?: 'generic' | 'aws' | 'azure' | 'gcp';
  secretRef?: LocalObjectReference;
  verify?: { provider: string; secretRef?: LocalObjectReference };
  serviceAccountName?: string;
  certSecretRef?: LocalObjectReference;
  proxySecretRef?: LocalObjectReference;
  interval: string;
  timeout?: string;
  ignore?: string;
  insecure?: boolean;
  suspend?: boolean;
}

export type OCIRepository = FluxObject<OCIRepositorySpec, SourceStatus>;

export type HelmChartSourceKind = 'HelmRepository' | 'GitRepository' | 'Bucket';

export interface HelmChartSpec {
  chart: string;
  version?: string;
  sourceRef: { apiVersion?: string; kind: HelmChartSourceKind; name: string };
  interval: string;
  reconcileStrategy?: 'ChartVersion' | 'Revision';
  valuesFiles?: string[];
  valuesFile?: string;
  ignoreMissingValuesFiles?: boolean;
  suspend?: boolean;
  verify?: { provider: string; secretRef?: LocalObjectReference };
  accessFrom?: HelmRepositorySpec['accessFrom'];
}

export interface HelmChartStatus extends SourceStatus {
  observedSourceArtifactRevision?: string;
  observedChartName?: string;
  observedValuesFiles?: string[];
}

export type HelmChart = FluxObject<HelmChartSpec, HelmChartStatus>;
