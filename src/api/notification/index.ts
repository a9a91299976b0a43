/** Flux's notification API (Provider, Alert v1beta3): types and CRDs. See README.md. */
export type * from './types.js';
export { NOTIFICATION_API_VERSION, NOTIFICATION_GROUP, SUPPORTED_PROVIDER_TYPES } from './types.js';
export { notificationCrds } from './crds.js';
