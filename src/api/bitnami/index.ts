/** The Bitnami Sealed Secrets API: SealedSecret types, names, its CRD and validation. See src/secrets/README.md. */
export * from './types.js';
export { SEALED_SECRET_CRD_NAME, sealedSecretCrd, sealedSecretSchema } from './crd.js';
export { validateSealedSecret } from './validate.js';
