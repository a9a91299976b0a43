/** helm.toolkit.fluxcd.io/v2 HelmRelease, with the fields helm-controller's Go types declare. */
import type { FluxObject, FluxStatus, NamespacedObjectReference } from './common-types.js';
import type { HelmChartSpec } from './source-types.js';

export interface HelmChartTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: Omit<HelmChartSpec, 'sourceRef' | 'interval' | 'suspend' | 'accessFrom'> & {
    sourceRef: {
      apiVersion?: string;
      kind: HelmChartSpec['sourceRef']['kind'];
      name: string;
      namespace?: string;
    };
    interval?: string;
  };
}

export interface ChartReference {
  apiVersion?: string;
  kind: 'OCIRepository' | 'HelmChart';
  name: string;
  namespace?: string;
}

export interface ValuesReference {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  valuesKey?: string;
  targetPath?: string;
  optional?: boolean;
}

export type CRDsPolicy = 'Skip' | 'Create' | 'CreateReplace';
export type RemediationStrategy = 'rollback' | 'uninstall';

export interface InstallRemediation {
  retries?: number;
  ignoreTestFailures?: boolean;
  remediateLastFailure?: boolean;
}

export interface UpgradeRemediation extends InstallRemediation {
  strategy?: RemediationStrategy;
}

interface ActionCommon {
  timeout?: string;
  disableWait?: boolean;
  disableWaitForJobs?: boolean;
  disableHooks?: boolean;
}

export interface InstallSpec extends ActionCommon {
  remediation?: InstallRemediation;
  disableOpenAPIValidation?: boolean;
  replace?: boolean;
  skipCRDs?: boolean;
  crds?: CRDsPolicy;
  createNamespace?: boolean;
}

export interface UpgradeSpec extends ActionCommon {
  remediation?: UpgradeRemediation;
  disableOpenAPIValidation?: boolean;
  force?: boolean;
  preserveValues?: boolean;
  cleanupOnFail?: boolean;
  crds?: CRDsPolicy;
}

export interface TestSpec {
  enable?: boolean;
  timeout?: string;
  ignoreFailures?: boolean;
  filters?: Array<{ name: string; exclude?: boolean }>;
}

export interface RollbackSpec extends ActionCommon {
  recreate?: boolean;
  force?: boolean;
  cleanupOnFail?: boolean;
}

export interface UninstallSpec {
  timeout?: string;
  disableHooks?: boolean;
  keepHistory?: boolean;
  disableWait?: boolean;
  deletionPropagation?: 'background' | 'foreground' | 'orphan';
}

export interface DriftDetection {
  mode?: 'enabled' | 'warn' | 'disabled';
  ignore?: Array<{ paths: string[]; target?: Record<string, string> }>;
}

export interface PostRenderer {
  kustomize?: {
    patches?: Array<{ patch: string; target?: Record<string, string> }>;
    patchesStrategicMerge?: unknown[];
    patchesJson6902?: Array<{ patch: unknown[]; target: Record<string, string> }>;
    images?: Array<{ name: string; newName?: string; newTag?: string; digest?: string }>;
  };
}

export interface HelmReleaseSpec {
  chart?: HelmChartTemplate;
  chartRef?: ChartReference;
  interval: string;
  kubeConfig?: { secretRef: { name: string; key?: string } };
  suspend?: boolean;
  releaseName?: string;
  targetNamespace?: string;
  storageNamespace?: string;
  dependsOn?: NamespacedObjectReference[];
  timeout?: string;
  maxHistory?: number;
  serviceAccountName?: string;
  persistentClient?: boolean;
  driftDetection?: DriftDetection;
  install?: InstallSpec;
  upgrade?: UpgradeSpec;
  test?: TestSpec;
  rollback?: RollbackSpec;
  uninstall?: UninstallSpec;
  valuesFrom?: ValuesReference[];
  values?: Record<string, unknown>;
  postRenderers?: PostRenderer[];
  commonMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

export interface TestHookStatus {
  lastStarted?: string;
  lastCompleted?: string;
  phase?: string;
}

/** A point-in-time copy of one Helm release in storage (helm-controller's Snapshot). */
export interface Snapshot {
  apiVersion?: string;
  digest: string;
  name: string;
  namespace: string;
  version: number;
  status: string;
  chartName: string;
  chartVersion: string;
  appVersion?: string;
  configDigest: string;
  firstDeployed: string;
  lastDeployed: string;
  deleted?: string;
  testHooks?: Record<string, TestHookStatus>;
  ociDigest?: string;
}

export type ReleaseAction = 'install' | 'upgrade';

export interface HelmReleaseStatus extends FluxStatus {
  lastAttemptedGeneration?: number;
  helmChart?: string;
  storageNamespace?: string;
  history?: Snapshot[];
  lastAttemptedReleaseAction?: ReleaseAction;
  lastAttemptedReleaseActionDuration?: string;
  failures?: number;
  installFailures?: number;
  upgradeFailures?: number;
  lastAttemptedRevision?: string;
  lastAttemptedRevisionDigest?: string;
  lastAttemptedConfigDigest?: string;
  lastHandledForceAt?: string;
  lastHandledResetAt?: string;
  observedPostRenderersDigest?: string;
}

export type HelmRelease = FluxObject<HelmReleaseSpec, HelmReleaseStatus>;
