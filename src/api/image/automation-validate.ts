/**
 * Validation of an ImageUpdateAutomation: the schema the CRD carries, then what a schema
 * cannot say (durations, the only strategy, a safe update path). Messages name the field.
 */
import { isRecord, schemaIssues } from '../argo/schema-walk.js';
import { FLUX_DURATION } from '../flux/rules.js';
import { imageUpdateAutomationSchema } from './automation-schema.js';
import type { ImageUpdateAutomation } from './automation-types.js';
import { IMAGE_API_VERSIONS } from './types.js';

const schema = imageUpdateAutomationSchema();

function ruleErrors(obj: ImageUpdateAutomation): string[] {
  const errors: string[] = [];
  const { spec } = obj;
  if (!FLUX_DURATION.test(spec.interval))
    errors.push(`spec.interval "${spec.interval}" is not a duration such as 1m`);
  if (spec.sourceRef.kind !== 'GitRepository') errors.push('spec.sourceRef.kind must be GitRepository');
  if (!spec.git) errors.push('spec.git is required (the commit author at least)');
  const path = spec.update?.path ?? '';
  if (path.split(/[\\/]/).includes('..') || path.startsWith('/')) {
    errors.push(`spec.update.path "${path}" must stay inside the repository (relative, no "..")`);
  }
  if (spec.git?.push?.refspec?.startsWith('+')) {
    errors.push('spec.git.push.refspec must not force the push (leading "+")');
  }
  return errors;
}

/** Every problem with `obj` as an ImageUpdateAutomation; empty when it is valid. */
export function imageUpdateAutomationErrors(obj: unknown): string[] {
  if (!isRecord(obj)) return ['an ImageUpdateAutomation must be an object'];
  const errors: string[] = [];
  if (!IMAGE_API_VERSIONS.includes(obj.apiVersion as string)) {
    errors.push(
      `apiVersion must be ${IMAGE_API_VERSIONS.join(' or ')}, got ${JSON.stringify(obj.apiVersion ?? null)}`,
    );
  }
  const issues = schemaIssues(schema, obj);
  return [...errors, ...issues, ...(issues.length ? [] : ruleErrors(obj as ImageUpdateAutomation))];
}
