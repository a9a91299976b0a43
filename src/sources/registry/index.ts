/**
 * A client for the OCI Distribution API, for image automation: tags, digests and build
 * dates, with token auth (ghcr.io, Docker Hub), basic auth, docker config Secrets,
 * plain-HTTP registries and back-off on 429/5xx. See README.md.
 */
export { parseImageRef, type ImageRef } from './ref.js';
export { authFromDockerConfig, type RegistryAuth } from './docker-config.js';
export type { RegistryRequestOptions } from './transport.js';
export { RegistryError, type RegistryErrorReason } from './errors.js';
export { RegistryClient, type RegistryClientOptions } from './client.js';
