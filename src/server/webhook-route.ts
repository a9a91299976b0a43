/**
 * POST /api/webhook: a verified push event refreshes exactly the Applications whose
 * repository and revision it moved. Secrets come from Argo CD's own place, the
 * `argocd-secret` Secret (keys webhook.github.secret, webhook.gitlab.secret, …).
 */
import type { Application } from '../api/argo/index.js';
import { ARGO_API_VERSION } from '../api/argo/index.js';
import type { Cluster } from '../kube/cluster.js';
import { secretData } from '../sources/credentials/index.js';
import {
  appsToRefresh,
  verifyAndParse,
  webhookTargetOf,
  type WebhookHeaders,
  type WebhookSecrets,
} from './webhook/index.js';

export interface WebhookRouteDeps {
  home: Cluster;
  namespace: string;
  refresh: (appName: string) => void;
  /** Generate ApplicationSets again after a push (their git generators may read the repository). */
  refreshAppSets?: () => void;
}

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

export async function readWebhookSecrets(home: Cluster, namespace: string): Promise<WebhookSecrets> {
  const secret = await home.get({ apiVersion: 'v1', kind: 'Secret', namespace, name: 'argocd-secret' });
  const data = secret ? secretData(secret) : {};
  return {
    github: data['webhook.github.secret'],
    gitlab: data['webhook.gitlab.secret'],
    gitea: data['webhook.gogs.secret'] ?? data['webhook.gitea.secret'],
    bitbucketServer: data['webhook.bitbucketserver.secret'],
  };
}

export async function handleWebhook(
  deps: WebhookRouteDeps,
  headers: WebhookHeaders,
  body: Buffer,
): Promise<WebhookAnswer> {
  const verdict = verifyAndParse(headers, body, await readWebhookSecrets(deps.home, deps.namespace));
  if (!verdict.ok) return { status: verdict.status, body: { error: verdict.message } };
  if (!verdict.event) return { status: 200, body: { refreshed: [], message: 'event ignored (not a push)' } };
  const apps = (await deps.home.list(ARGO_API_VERSION, 'Application', {
    namespace: deps.namespace,
  })) as Application[];
  const keys = appsToRefresh(verdict.event, apps.map(webhookTargetOf));
  const names = keys.map((k) => k.slice(k.indexOf('/') + 1));
  for (const name of names) deps.refresh(name);
  deps.refreshAppSets?.();
  return { status: 200, body: { refreshed: names, ref: verdict.event.ref } };
}
