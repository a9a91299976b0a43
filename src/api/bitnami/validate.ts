/**
 * Checks a SealedSecret the way the API server and the controller would, with field paths:
 * the schema, plus what the schema cannot say (valid Secret key names, the retired `data`).
 */
import { schemaIssues } from '../argo/schema-walk.js';
import { sealedSecretSchema } from './crd.js';
import type { SealedSecret } from './types.js';

/** Secret keys: what the API server accepts in a Secret's data. */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

export function validateSealedSecret(ss: SealedSecret): string[] {
  const issues = schemaIssues(sealedSecretSchema(), ss);
  if (!ss.metadata.name) issues.push('metadata.name is required');
  const spec = ss.spec ?? {};
  const keys = [...Object.keys(spec.encryptedData ?? {}), ...Object.keys(spec.template?.data ?? {})];
  for (const key of keys) {
    if (!SECRET_KEY.test(key) || key.length > 253)
      issues.push(`spec.encryptedData[${JSON.stringify(key)}] is not a valid Secret key`);
  }
  if (spec.data !== undefined)
    issues.push(
      'spec.data (the deprecated whole-Secret ciphertext) is not supported; re-seal with kubeseal or ferry seal',
    );
  return issues;
}
