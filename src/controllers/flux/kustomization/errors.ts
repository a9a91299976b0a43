/**
 * A step of a Kustomization reconcile that failed, with the Ready reason Flux reports for
 * it (ArtifactFailed, BuildFailed, ReconciliationFailed, HealthCheckFailed, PruneFailed,
 * DependencyNotReady). The reconcile turns it into Ready=False, an Event and a retry.
 */
export const KsReason = {
  ReconciliationSucceeded: 'ReconciliationSucceeded',
  ReconciliationFailed: 'ReconciliationFailed',
  ArtifactFailed: 'ArtifactFailed',
  BuildFailed: 'BuildFailed',
  HealthCheckFailed: 'HealthCheckFailed',
  PruneFailed: 'PruneFailed',
  DependencyNotReady: 'DependencyNotReady',
  Progressing: 'Progressing',
} as const;

export class KustomizationStepError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KustomizationStepError';
  }
}

/** The source's artifact is not (or no longer) on this disk: its controller should fetch it again. */
export class ArtifactNotOnDiskError extends KustomizationStepError {
  constructor(
    readonly source: { kind: string; namespace: string; name: string },
    message: string,
  ) {
    super(KsReason.ArtifactFailed, message);
    this.name = 'ArtifactNotOnDiskError';
  }
}
