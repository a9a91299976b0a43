/**
 * Git webhooks, as Argo CD's API server handles them at `/api/webhook`: verify a GitHub,
 * GitLab, Gitea/Gogs or Bitbucket Server delivery, read its push, and pick the
 * Applications to refresh. No HTTP server and no I/O here; see README.md.
 */
export type { PushEvent, WebhookProvider } from './types.js';
export type { WebhookHeaders } from './provider.js';
export type { WebhookSecrets, WebhookVerdict } from './handler.js';
export type { WebhookSource, WebhookTarget } from './match.js';
export { WebhookPayloadError } from './errors.js';
export { verifyGiteaSignature, verifyGitHubSignature, verifyGitLabToken } from './signature.js';
export { detectProvider } from './provider.js';
export { parsePushEvent } from './parse.js';
export { verifyAndParse } from './handler.js';
export { appsToRefresh, shouldRefresh } from './match.js';
export { MANIFEST_GENERATE_PATHS } from './refresh-paths.js';
export { repoIdentity } from './url.js';
export { webhookTargetOf } from './target.js';
