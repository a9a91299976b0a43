/**
 * The Argo CD dialect's API: Application and AppProject types, their CRDs, validation, and
 * AppProject enforcement. See README.md.
 */
export type * from './application-types.js';
export type * from './appproject-types.js';
export { ARGO_API_VERSION, ARGO_GROUP } from './application-types.js';
export { allArgoCrds, applicationCrd, appProjectCrd } from './crds.js';
export { defaultProject, validateApplication, validateAppProject } from './validate.js';
export {
  checkDestinationAllowed,
  checkResourceAllowed,
  checkSourceAllowed,
  type DestinationRef,
  type ResourceRef,
} from './project-policy.js';
export { KNOWN_SYNC_OPTIONS, syncOptionErrors } from './sync-options.js';
export { parseBackoffDuration, parseGoDuration } from './duration.js';
export { globMatch } from './glob.js';
export { normalizeRepoURL } from './repo-url.js';
export { schemaIssues } from './schema-walk.js';
export { structuralIssues } from './structural.js';
export type { SchemaNode } from './schema.js';
export type * from './applicationset-types.js';
export { applicationSetCrd } from './applicationset-crd.js';
export { validateApplicationSet } from './applicationset-validate.js';
