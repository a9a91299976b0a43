/** Flux's image reflector (ImageRepository, ImagePolicy) on Ferry's KindController. See README.md. */
export { ImageController, type ImageControllerOptions } from './controller.js';
export { TagStore, type StoredTags } from './tag-store.js';
export { registryOptions } from './credentials.js';
export { ImageAutomationController, type ImageAutomationControllerOptions } from './automation-controller.js';
