/**
 * Flux's image reflector API (image.toolkit.fluxcd.io): ImageRepository and ImagePolicy
 * types, CRDs and validation. See README.md.
 */
export type * from './types.js';
export { DEFAULT_EXCLUSION_LIST, IMAGE_API_VERSION, IMAGE_API_VERSIONS, IMAGE_GROUP } from './types.js';
export { allImageReflectorCrds, imagePolicyCrd, imageRepositoryCrd } from './crds.js';
export { imageObjectErrors, imagePolicyErrors, imageRepositoryErrors } from './validate.js';
export { imagePolicySchema, imageRepositorySchema } from './schema.js';
export type * from './automation-types.js';
export { imageUpdateAutomationCrd } from './automation-crd.js';
export { imageUpdateAutomationErrors } from './automation-validate.js';
export { imageUpdateAutomationSchema } from './automation-schema.js';
