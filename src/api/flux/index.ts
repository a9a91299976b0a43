/**
 * The Flux dialect's API for sources and Helm: HelmRepository, GitRepository, OCIRepository,
 * HelmChart (source.toolkit.fluxcd.io) and HelmRelease (helm.toolkit.fluxcd.io/v2): types,
 * CRDs, validation with field paths, and helm-controller's naming rules. See README.md.
 */
export type * from './common-types.js';
export type * from './source-types.js';
export type * from './helmrelease-types.js';
export type * from './kustomization-types.js';
export {
  FORCE_ANNOTATION,
  KUSTOMIZE_API_VERSION,
  KUSTOMIZE_GROUP,
  KUSTOMIZE_NAME_LABEL,
  KUSTOMIZE_NAMESPACE_LABEL,
  PRUNE_ANNOTATION,
  SSA_ANNOTATION,
  SUBSTITUTE_ANNOTATION,
} from './kustomization-types.js';
export { kustomizationCrd } from './kustomization-crd.js';
export { VARIABLE_NAME } from './kustomization-rules.js';
export {
  FORCE_REQUESTED_ANNOTATION,
  HELM_API_VERSION,
  HELM_GROUP,
  RECONCILE_REQUESTED_ANNOTATION,
  RESET_REQUESTED_ANNOTATION,
  SOURCE_API_VERSION,
  SOURCE_GROUP,
} from './common-types.js';
export {
  allFluxSourceAndHelmCrds,
  gitRepositoryCrd,
  helmChartCrd,
  helmReleaseCrd,
  helmRepositoryCrd,
  ociRepositoryCrd,
} from './crds.js';
export {
  fluxObjectErrors,
  validateGitRepository,
  validateHelmChart,
  validateHelmRelease,
  validateHelmRepository,
  validateKustomization,
  validateOCIRepository,
} from './validate.js';
export { FLUX_DURATION } from './rules.js';
export {
  helmChartName,
  helmChartNamespace,
  MAX_RELEASE_NAME_LENGTH,
  releaseName,
  releaseNamespace,
  shortenName,
  storageNamespace,
} from './naming.js';
