/**
 * Argo CD repository credentials, read verbatim from its Secrets: `repository`
 * (one repository) and `repo-creds` (a template for every repository under a URL
 * prefix). Pure: Secrets in, credentials out; fetching them from a cluster and
 * handing them to a source (git, Helm) is the caller's job.
 *
 *   const creds = parseRepoSecrets(secretsInArgoNamespace);
 *   const c = credentialsFor(app.spec.source.repoURL, creds, app.spec.project);
 */
export type { RepoCredentialSet, RepoCredentials } from './types.js';
export { parseRepoSecrets, secretData, SECRET_TYPE_LABEL } from './parse.js';
export { credentialsFor, findTemplate, hasCredentials } from './match.js';
export { normalizeRepoURL, sameRepoURL } from './normalize.js';
