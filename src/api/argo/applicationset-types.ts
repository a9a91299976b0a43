/**
 * argoproj.io/v1alpha1 ApplicationSet as Ferry reads it: Argo CD's field names and shapes
 * (pkg/apis/application/v1alpha1/applicationset_types.go), so an Argo CD manifest is used as
 * written. Generators Ferry does not run yet (scmProvider, pullRequest, plugin,
 * clusterDecisionResource, oci) are accepted and reported as unsupported when generating.
 */
import type { KubeObject, ObjectMeta } from '../../kube/object.js';
import type { ApplicationSpec } from './application-types.js';
import type { HealthStatus, ResourceStatus } from './status-types.js';

export interface ApplicationSetTemplateMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

/** The Application every parameter set is rendered into. */
export interface ApplicationSetTemplate {
  metadata: ApplicationSetTemplateMeta;
  spec: ApplicationSpec;
}

export interface LabelSelectorRequirement {
  key: string;
  /** In, NotIn, Exists or DoesNotExist. */
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface ListGenerator {
  /** Free-form objects, one parameter set each. */
  elements?: unknown[];
  /** More elements as a YAML list (often a template result). */
  elementsYaml?: string;
  template?: ApplicationSetTemplate;
}

export interface ClusterGenerator {
  /** Selects cluster Secrets by label; empty selects every cluster and the in-cluster one. */
  selector?: LabelSelector;
  /** Extra parameters `values.<key>`, templated with the cluster's parameters. */
  values?: Record<string, string>;
  /** One parameter set `{clusters: [...]}` instead of one per cluster. */
  flatList?: boolean;
  template?: ApplicationSetTemplate;
}

export interface GitPathItem {
  path: string;
  exclude?: boolean;
}

export interface GitGenerator {
  repoURL: string;
  revision: string;
  directories?: GitPathItem[];
  files?: GitPathItem[];
  pathParamPrefix?: string;
  values?: Record<string, string>;
  requeueAfterSeconds?: number;
  template?: ApplicationSetTemplate;
}

export interface MatrixGenerator {
  /** Exactly two; the second may use the first one's parameters. */
  generators: ApplicationSetNestedGenerator[];
  template?: ApplicationSetTemplate;
}

export interface MergeGenerator {
  generators: ApplicationSetNestedGenerator[];
  mergeKeys: string[];
  template?: ApplicationSetTemplate;
}

/** The generators Ferry runs. */
export interface TerminalGenerators {
  list?: ListGenerator;
  clusters?: ClusterGenerator;
  git?: GitGenerator;
}

/** Accepted as Argo CD writes them, not run yet. */
export interface UnsupportedGenerators {
  scmProvider?: Record<string, unknown>;
  clusterDecisionResource?: Record<string, unknown>;
  pullRequest?: Record<string, unknown>;
  plugin?: Record<string, unknown>;
  oci?: Record<string, unknown>;
}

export interface ApplicationSetGenerator extends TerminalGenerators, UnsupportedGenerators {
  matrix?: MatrixGenerator;
  merge?: MergeGenerator;
  /** Post selector: keeps only parameter sets whose (flattened) values match. */
  selector?: LabelSelector;
}

/** A child of matrix or merge; a nested matrix or merge holds terminal generators only. */
export type ApplicationSetNestedGenerator = ApplicationSetGenerator;

export type ApplicationsSyncPolicy = 'create-only' | 'create-update' | 'create-delete' | 'sync';

export interface ApplicationSetSyncPolicy {
  /** Generated Applications get no resources finalizer: deleting one leaves its resources. */
  preserveResourcesOnDeletion?: boolean;
  /** What the controller may do to generated Applications; default `sync` (everything). */
  applicationsSync?: ApplicationsSyncPolicy;
}

export interface ApplicationSetSpec {
  goTemplate?: boolean;
  /** text/template options, e.g. `missingkey=error`. */
  goTemplateOptions?: string[];
  generators: ApplicationSetGenerator[];
  template: ApplicationSetTemplate;
  syncPolicy?: ApplicationSetSyncPolicy;
  /** Progressive syncs; accepted, not run yet. */
  strategy?: Record<string, unknown>;
  /** Labels and annotations of generated Applications the controller leaves as they are. */
  preservedFields?: { annotations?: string[]; labels?: string[] };
  applyNestedSelectors?: boolean;
  ignoreApplicationDifferences?: Array<{
    name?: string;
    jsonPointers?: string[];
    jqPathExpressions?: string[];
  }>;
  /** A YAML or JSON patch template applied to each rendered Application. */
  templatePatch?: string;
}

export type ApplicationSetConditionType =
  'ErrorOccurred' | 'ParametersGenerated' | 'ResourcesUpToDate' | 'RolloutProgressing';

export interface ApplicationSetCondition {
  type: ApplicationSetConditionType;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

export interface ApplicationSetStatus {
  conditions?: ApplicationSetCondition[];
  /** Each generated Application with its sync and health status. */
  resources?: ResourceStatus[];
  resourcesCount?: number;
  health?: HealthStatus;
}

export interface ApplicationSet extends KubeObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'ApplicationSet';
  metadata: ObjectMeta;
  spec: ApplicationSetSpec;
  status?: ApplicationSetStatus;
}
