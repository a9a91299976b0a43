/**
 * The Flux dialect's API for sources and Helm: HelmRepository, GitRepository, OCIRepository,
 * HelmChart (source.toolkit.fluxcd.io) and HelmRelease (helm.toolkit.fluxcd.io/v2): types,
 * CRDs, validation with field paths, and helm-controller's naming rules. See README.md.
 */
export type * from './common-types.js';
export type * from './source-types.js';
export type * from './helmrelease-types.js';
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
