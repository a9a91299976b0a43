/**
 * The Flux dialect's source and Helm controllers. See README.md.
 *
 *   const flux = new FluxController({ home, log });
 *   flux.start();
 *   …
 *   await flux.stop();
 *
 * Consumers of source artifacts (the Kustomization controller) read them with
 * `artifactDir(source.status.artifact)`: a folder on this disk.
 */
export { FluxController, type FluxControllerOptions } from './flux-controller.js';
export { artifactDir, folderDigest, toArtifact, type LocalArtifact } from './artifacts.js';
export * from './conditions.js';
export { FluxEvents } from './events.js';
export { patchStatus } from './status.js';
export {
  KindController,
  needsReconcile,
  withJitter,
  type KindReconciler,
  type ReconcileOutcome,
} from './kind-controller.js';
export { reconcileSource, SourceFetchError, intervalMs, type SourceKindHandler } from './source-reconcile.js';
export { gitRevision } from './gitrepository.js';
