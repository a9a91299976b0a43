/**
 * Sealed Secrets, kubeseal-compatible: sealing and unsealing, scopes, the controller's keys
 * and certificates, renewal, and the client side of the controller's HTTP API. See README.md.
 */
export { hybridDecrypt, hybridEncrypt } from './hybrid.js';
export { parseScope, scopeOf, sealingLabel, withScopeAnnotations, SCOPES, type Scope } from './scope.js';
export { readCertificate, selfSignedCertificate, type SealingCertificate } from './cert.js';
export {
  DEFAULT_KEY_BITS,
  DEFAULT_KEY_PREFIX,
  fingerprintOf,
  generateSealingKey,
  keySecret,
  newestKey,
  sealingKeyFromSecret,
  type SealingKey,
} from './keys.js';
export { KeyRegistry, type KeyRegistryOptions } from './key-registry.js';
export { DEFAULT_RENEWAL_MS, KeyRenewal, needsKeyNow, renewalDelay } from './renewal.js';
export { mergeSealed, sealSecret, sealValue, secretValues, type SealOptions } from './seal.js';
export { decryptValues, unsealSealedSecret } from './unseal.js';
export { canDecrypt, reencryptSealedSecret } from './reencrypt.js';
export { formatObject, parseFormat, parseSingleObject, type OutputFormat } from './manifest.js';
export { findPlainSecrets, plainSecretsIn, type PlainSecretFinding } from './lint.js';
export { ControllerClient, type ControllerRef } from './controller-client.js';
export { CertificateError, SealInputError, UnsealError } from './errors.js';
export { renderTemplate, SUPPORTED_TEMPLATE_FUNCTIONS, TemplateError } from './template.js';
