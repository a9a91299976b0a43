/**
 * argoproj.io/v1alpha1 AppProject: which sources, destinations and kinds the applications of a
 * project may use (enforced by project-policy.ts), plus roles and sync windows.
 */
import type { KubeObject, ObjectMeta } from '../../kube/object.js';
import type { ARGO_API_VERSION } from './application-types.js';

export interface GroupKind {
  /** API group glob; "" is the core group. */
  group: string;
  /** Kind glob. */
  kind: string;
}

/** Cluster-scoped lists may also narrow by a name glob (newer Argo CD releases). */
export interface ClusterResourceRestriction extends GroupKind {
  name?: string;
}

export interface ProjectDestination {
  /** Server URL glob; a leading `!` denies. */
  server?: string;
  /** Cluster name glob; a leading `!` denies. */
  name?: string;
  /** Namespace glob; a leading `!` denies. */
  namespace?: string;
}

export interface JWTToken {
  iat: number;
  exp?: number;
  id?: string;
}

export interface ProjectRole {
  name: string;
  description?: string;
  /** Casbin lines: `p, proj:<project>:<role>, <resource>, <action>, <object>, allow|deny`. */
  policies?: string[];
  groups?: string[];
  jwtTokens?: JWTToken[];
}

export interface SyncWindow {
  kind?: 'allow' | 'deny';
  /** Cron expression: when the window opens. */
  schedule?: string;
  /** Go duration: how long it stays open. */
  duration?: string;
  applications?: string[];
  namespaces?: string[];
  clusters?: string[];
  manualSync?: boolean;
  timeZone?: string;
  andOperator?: boolean;
}

export interface OrphanedResourcesMonitorSettings {
  warn?: boolean;
  ignore?: Array<{ group?: string; kind?: string; name?: string }>;
}

export interface AppProjectSpec {
  description?: string;
  /** Repository URL globs; `*` allows any, a leading `!` denies. */
  sourceRepos?: string[];
  destinations?: ProjectDestination[];
  /** Cluster-scoped kinds allowed; empty or absent allows none. */
  clusterResourceWhitelist?: ClusterResourceRestriction[];
  clusterResourceBlacklist?: ClusterResourceRestriction[];
  /** Namespaced kinds allowed; absent allows all, an empty list allows none. */
  namespaceResourceWhitelist?: GroupKind[];
  namespaceResourceBlacklist?: GroupKind[];
  /** Namespaces (globs) Applications of this project may live in. */
  sourceNamespaces?: string[];
  roles?: ProjectRole[];
  syncWindows?: SyncWindow[];
  orphanedResources?: OrphanedResourcesMonitorSettings;
  signatureKeys?: Array<{ keyID: string }>;
  permitOnlyProjectScopedClusters?: boolean;
  destinationServiceAccounts?: Array<{ server: string; namespace?: string; defaultServiceAccount: string }>;
}

export interface AppProject extends KubeObject {
  apiVersion: typeof ARGO_API_VERSION;
  kind: 'AppProject';
  metadata: ObjectMeta;
  spec: AppProjectSpec;
  status?: { jwtTokensByRole?: Record<string, { items?: JWTToken[] }> };
}
