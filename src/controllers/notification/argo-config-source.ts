/**
 * argocd-notifications-cm and argocd-notifications-secret in Ferry's namespace, read at
 * most every few seconds. Problems are logged and recorded as Warning Events on the
 * ConfigMap (once per distinct problem); the valid entries keep working.
 */
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { parseNotificationsConfig, type NotificationsConfig } from '../../notifications/argo-config.js';
import type { ProblemReporter } from './delivery.js';

export const NOTIFICATIONS_CONFIGMAP = 'argocd-notifications-cm';
export const NOTIFICATIONS_SECRET = 'argocd-notifications-secret';

export class ArgoNotificationsConfig {
  private cached: { at: number; config: Promise<LoadedConfig | undefined> } | undefined;

  constructor(
    private readonly home: Cluster,
    private readonly namespace: string,
    private readonly problems: ProblemReporter,
    private readonly ttlMs = 2000,
  ) {}

  /** The current configuration, or undefined when there is no ConfigMap. */
  get(): Promise<LoadedConfig | undefined> {
    if (!this.cached || Date.now() - this.cached.at > this.ttlMs)
      this.cached = { at: Date.now(), config: this.load() };
    return this.cached.config;
  }

  private async load(): Promise<LoadedConfig | undefined> {
    const ref = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: this.namespace,
      name: NOTIFICATIONS_CONFIGMAP,
    };
    const cm = await this.home.get(ref);
    if (!cm) return undefined;
    const secret = await this.home.get({ ...ref, kind: 'Secret', name: NOTIFICATIONS_SECRET });
    const secrets = Object.fromEntries(
      Object.entries((secret?.data ?? {}) as Record<string, string>).map(([k, v]) => [
        k,
        Buffer.from(v, 'base64').toString('utf8'),
      ]),
    );
    const config = parseNotificationsConfig((cm.data ?? {}) as Record<string, string>, secrets);
    for (const problem of config.problems) this.problems.report(cm, 'InvalidNotificationConfig', problem);
    return { config, configMap: cm };
  }
}

export interface LoadedConfig {
  config: NotificationsConfig;
  configMap: KubeObject;
}
