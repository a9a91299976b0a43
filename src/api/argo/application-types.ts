/**
 * argoproj.io/v1alpha1 Application as Ferry reads it: Argo CD's field names and shapes, so an
 * Argo CD manifest is used as written. Sources live in source-types.ts, status and operation in
 * status-types.ts; both are re-exported here.
 */
import type { KubeObject, ObjectMeta } from '../../kube/object.js';
import type { ApplicationSource, SourceHydrator } from './source-types.js';
import type { ApplicationStatus, Operation, RetryStrategy } from './status-types.js';

export type * from './source-types.js';
export type * from './status-types.js';

export const ARGO_GROUP = 'argoproj.io';
export const ARGO_API_VERSION = 'argoproj.io/v1alpha1';

export interface ApplicationDestination {
  /** API server URL of the target cluster; set this or `name`. */
  server?: string;
  /** Name of the target cluster; set this or `server`. */
  name?: string;
  /** Namespace for namespaced resources that do not set their own. */
  namespace?: string;
}

export interface SyncPolicyAutomated {
  /** Delete resources no longer in the source (default false). */
  prune?: boolean;
  /** Revert changes made in the cluster (default false). */
  selfHeal?: boolean;
  /** Allow syncing to an empty set of resources (default false). */
  allowEmpty?: boolean;
  /** Turn automated sync off without removing the block (default true when the block exists). */
  enabled?: boolean;
}

export interface SyncPolicy {
  automated?: SyncPolicyAutomated;
  /** `Name=value` options, e.g. `CreateNamespace=true` (see sync-options.ts). */
  syncOptions?: string[];
  retry?: RetryStrategy;
  /** Labels and annotations for the namespace made by CreateNamespace=true. */
  managedNamespaceMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

export interface ResourceIgnoreDifferences {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

export interface ApplicationSpec {
  /** One source; exclusive with `sources`. */
  source?: ApplicationSource;
  /** Several sources rendered together; exclusive with `source`. */
  sources?: ApplicationSource[];
  sourceHydrator?: SourceHydrator;
  destination: ApplicationDestination;
  /** AppProject name; the empty string means `default`. */
  project: string;
  syncPolicy?: SyncPolicy;
  ignoreDifferences?: ResourceIgnoreDifferences[];
  info?: Array<{ name: string; value: string }>;
  revisionHistoryLimit?: number;
}

export interface Application extends KubeObject {
  apiVersion: typeof ARGO_API_VERSION;
  kind: 'Application';
  metadata: ObjectMeta;
  spec: ApplicationSpec;
  /** Written by the controller with a plain update: Argo CD's CRD has no status subresource. */
  status?: ApplicationStatus;
  operation?: Operation;
}
