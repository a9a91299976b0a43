/**
 * What the controller writes on an Application: `status` (sync, health, resources, history,
 * conditions) and the `operation` a user or the controller requests.
 */
import type { ApplicationDestination, ResourceIgnoreDifferences } from './application-types.js';
import type { ApplicationSource } from './source-types.js';

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';
export type HealthStatusCode = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
export type OperationPhase = 'Running' | 'Failed' | 'Error' | 'Succeeded' | 'Terminating';

export interface HealthStatus {
  status?: HealthStatusCode;
  message?: string;
  lastTransitionTime?: string;
}

export interface Backoff {
  /** Go duration ("5s", "3m0s") or a plain number of seconds. */
  duration?: string;
  factor?: number;
  maxDuration?: string;
}

export interface RetryStrategy {
  /** Retries after a failed sync; 0 means none, negative means unlimited. */
  limit?: number;
  backoff?: Backoff;
  refresh?: boolean;
}

export interface OperationInitiator {
  username?: string;
  automated?: boolean;
}

export interface SyncOperationResource {
  group?: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface SyncOperation {
  revision?: string;
  revisions?: string[];
  prune?: boolean;
  dryRun?: boolean;
  syncStrategy?: { apply?: { force?: boolean }; hook?: { force?: boolean } };
  resources?: SyncOperationResource[];
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  manifests?: string[];
  syncOptions?: string[];
  autoHealAttemptsCount?: number;
}

export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: OperationInitiator;
  info?: Array<{ name: string; value: string }>;
  retry?: RetryStrategy;
}

export interface ResourceStatus {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  status?: SyncStatusCode;
  health?: HealthStatus;
  hook?: boolean;
  requiresPruning?: boolean;
  syncWave?: number;
}

export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  /** Synced, SyncFailed, Pruned or PruneSkipped. */
  status?: string;
  message?: string;
  hookType?: string;
  hookPhase?: OperationPhase;
  /** PreSync, Sync, PostSync, SyncFail or PostDelete. */
  syncPhase?: string;
}

export interface SyncOperationResult {
  revision: string;
  revisions?: string[];
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  resources?: ResourceResult[];
}

export interface OperationState {
  operation: Operation;
  phase: OperationPhase;
  message?: string;
  retryCount?: number;
  startedAt: string;
  finishedAt?: string;
  syncResult?: SyncOperationResult;
}

export interface RevisionHistory {
  id: number;
  revision?: string;
  revisions?: string[];
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  deployedAt: string;
  deployStartedAt?: string;
  initiatedBy?: OperationInitiator;
}

export interface ApplicationCondition {
  /** e.g. InvalidSpecError, ComparisonError, SyncError, SharedResourceWarning. */
  type: string;
  message: string;
  lastTransitionTime?: string;
}

export interface ComparedTo {
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination: ApplicationDestination;
  ignoreDifferences?: ResourceIgnoreDifferences[];
}

export interface ApplicationStatus {
  sync?: { status: SyncStatusCode; revision?: string; revisions?: string[]; comparedTo?: ComparedTo };
  health?: HealthStatus;
  resources?: ResourceStatus[];
  operationState?: OperationState;
  history?: RevisionHistory[];
  conditions?: ApplicationCondition[];
  reconciledAt?: string;
  observedAt?: string;
  /** Helm, Kustomize, Directory or Plugin. */
  sourceType?: string;
  sourceTypes?: string[];
  summary?: { images?: string[]; externalURLs?: string[] };
  controllerNamespace?: string;
}
