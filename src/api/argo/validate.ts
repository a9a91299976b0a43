/**
 * Validation of Application and AppProject objects as read from Git or the cluster: the schema
 * the CRDs carry (unknown fields, required fields, types) and then Argo CD's own rules
 * (app-rules.ts, project-rules.ts). Every message names the field path it is about.
 */
import type { Application } from './application-types.js';
import { ARGO_API_VERSION } from './application-types.js';
import { applicationSchema } from './application-schema.js';
import type { AppProject } from './appproject-types.js';
import { appProjectSchema } from './appproject-schema.js';
import { applicationRuleErrors } from './app-rules.js';
import { projectRuleErrors } from './project-rules.js';
import { isRecord, schemaIssues } from './schema-walk.js';
import type { SchemaNode } from './schema.js';

const APPLICATION_SCHEMA = applicationSchema();
const APP_PROJECT_SCHEMA = appProjectSchema();

function identityErrors(obj: Record<string, unknown>, kind: string): string[] {
  const errors: string[] = [];
  if (obj.apiVersion !== ARGO_API_VERSION) {
    errors.push(`apiVersion must be ${ARGO_API_VERSION}, got ${JSON.stringify(obj.apiVersion ?? null)}`);
  }
  if (obj.kind !== kind) errors.push(`kind must be ${kind}, got ${JSON.stringify(obj.kind ?? null)}`);
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  if (typeof meta.name !== 'string' || meta.name === '') errors.push('metadata.name is required');
  return errors;
}

function validate(
  obj: unknown,
  kind: string,
  schema: SchemaNode,
  rules: (o: Record<string, unknown>) => string[],
): string[] {
  if (!isRecord(obj)) return [`an ${kind} must be an object`];
  const errors = [...identityErrors(obj, kind), ...schemaIssues(schema, obj), ...rules(obj)];
  return [...new Set(errors)];
}

/** The Application with no errors, or the errors that keep `obj` from being one. */
export function validateApplication(obj: unknown): { app?: Application; errors: string[] } {
  const errors = validate(obj, 'Application', APPLICATION_SCHEMA, applicationRuleErrors);
  return errors.length > 0 ? { errors } : { app: obj as Application, errors };
}

/** The AppProject with no errors, or the errors that keep `obj` from being one. */
export function validateAppProject(obj: unknown): { project?: AppProject; errors: string[] } {
  const errors = validate(obj, 'AppProject', APP_PROJECT_SCHEMA, projectRuleErrors);
  return errors.length > 0 ? { errors } : { project: obj as AppProject, errors };
}

/**
 * The `default` project as Argo CD creates it in its namespace: any repository, any destination,
 * every kind. Applications with an empty spec.project belong to it.
 */
export function defaultProject(namespace: string): AppProject {
  return {
    apiVersion: ARGO_API_VERSION,
    kind: 'AppProject',
    metadata: { name: 'default', namespace },
    spec: {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}
