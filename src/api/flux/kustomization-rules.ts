/**
 * Flux's rules for a Kustomization that a structural schema cannot express (kubebuilder
 * patterns and CEL rules of kustomize-controller's CRD), and the fields Ferry refuses to
 * ignore silently because it does not implement them.
 */
import { isRecord } from '../argo/schema-walk.js';
import { FLUX_DURATION } from './rules.js';

type Obj = Record<string, unknown>;

const at = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), obj);

/** postBuild variable names, as Flux validates them. */
export const VARIABLE_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

function durationErrors(obj: Obj): string[] {
  return ['spec.interval', 'spec.retryInterval', 'spec.timeout'].flatMap((path) => {
    const value = at(obj, path);
    if (value === undefined || (typeof value === 'string' && FLUX_DURATION.test(value))) return [];
    return [`${path} must be a duration such as "30s", "5m" or "1h", got ${JSON.stringify(value)}`];
  });
}

function substituteErrors(obj: Obj): string[] {
  const vars = at(obj, 'spec.postBuild.substitute');
  if (!isRecord(vars)) return [];
  return Object.keys(vars)
    .filter((k) => !VARIABLE_NAME.test(k))
    .map(
      (k) =>
        `spec.postBuild.substitute: variable name ${JSON.stringify(k)} must match ${VARIABLE_NAME.source}`,
    );
}

function lengthErrors(obj: Obj): string[] {
  const errors: string[] = [];
  const ns = at(obj, 'spec.targetNamespace');
  if (typeof ns === 'string' && (ns.length === 0 || ns.length > 63))
    errors.push('spec.targetNamespace must be 1 to 63 characters');
  for (const field of ['namePrefix', 'nameSuffix']) {
    const v = at(obj, `spec.${field}`);
    if (typeof v === 'string' && (v.length === 0 || v.length > 200))
      errors.push(`spec.${field} must be 1 to 200 characters`);
  }
  return errors;
}

function unsupportedErrors(obj: Obj): string[] {
  const errors: string[] = [];
  if (at(obj, 'spec.sourceRef.kind') === 'Bucket')
    errors.push('spec.sourceRef.kind Bucket is not supported by Ferry: use a GitRepository or OCIRepository');
  if (at(obj, 'spec.decryption') !== undefined)
    errors.push('spec.decryption (SOPS) is not supported by Ferry: use SealedSecrets');
  if (at(obj, 'spec.serviceAccountName') !== undefined)
    errors.push('spec.serviceAccountName (impersonation) is not supported by Ferry');
  return errors;
}

export function kustomizationRuleErrors(obj: Obj): string[] {
  const path = at(obj, 'spec.path');
  const errors =
    typeof path === 'string' && path.split('/').includes('..')
      ? [`spec.path must stay inside the source, got ${JSON.stringify(path)}`]
      : [];
  return [
    ...errors,
    ...durationErrors(obj),
    ...substituteErrors(obj),
    ...lengthErrors(obj),
    ...unsupportedErrors(obj),
  ];
}
