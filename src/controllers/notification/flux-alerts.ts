/**
 * Flux's notification-controller for Ferry: every Kubernetes Event recorded on a Flux
 * object goes to the Alerts whose sources, severity and message filters match, through
 * their Provider; the same event is delivered once per 5-minute window per Alert.
 * Problems (missing Provider or Secret, unsupported type, bad regular expression) are
 * Warning Events on the Alert.
 */
import { parse } from 'yaml';
import { NOTIFICATION_API_VERSION, type Alert, type Provider } from '../../api/notification/index.js';
import type { KubeObject } from '../../kube/object.js';
import { parseGoDuration } from '../../api/argo/duration.js';
import {
  alertMatches,
  alertProblems,
  needsLabels,
  withAlertMetadata,
} from '../../notifications/alert-match.js';
import { DedupeWindow } from '../../notifications/dedupe.js';
import { eventKey, fluxEventFrom, type FluxEvent } from '../../notifications/flux-event.js';
import { providerRequest, type ProviderSecret } from '../../notifications/flux-payload.js';
import { ProblemReporter, sendNotification, type DeliveryDeps } from './delivery.js';

export class FluxAlerts {
  private readonly dedupe: DedupeWindow;
  private readonly problems: ProblemReporter;

  constructor(
    private readonly deps: DeliveryDeps,
    dedupeWindowMs?: number,
  ) {
    this.dedupe = new DedupeWindow(dedupeWindowMs);
    this.problems = new ProblemReporter(deps.home, deps.log);
  }

  /** Routes one Kubernetes Event; resolves when every matching Alert has had its delivery. */
  async handle(k8sEvent: KubeObject): Promise<void> {
    const event = fluxEventFrom(k8sEvent);
    if (!event) return;
    const alerts = (await this.deps.home.list(NOTIFICATION_API_VERSION, 'Alert')) as Alert[];
    const labels = alerts.some(needsLabels) ? await this.labelsOf(event) : undefined;
    const matching = alerts.filter((alert) => alertMatches({ alert, event, labels }));
    await Promise.all(matching.map((alert) => this.sendFor(alert, event)));
  }

  private async sendFor(alert: Alert, event: FluxEvent): Promise<void> {
    const problems = alertProblems(alert);
    if (problems.length > 0) return this.problems.report(alert, 'InvalidAlert', problems.join('; '));
    const provider = await this.provider(alert);
    if (!provider || provider.spec.suspend) return;
    const secret = await this.secretOf(provider, alert);
    if (!secret) return;
    const payload = withAlertMetadata(event, alert);
    const request = providerRequest(provider.spec, secret, payload);
    if ('error' in request)
      return this.problems.report(
        alert,
        'InvalidProvider',
        `Provider ${provider.metadata.name}: ${request.error}`,
      );
    if (!this.dedupe.admit(`${alert.metadata.uid ?? alert.metadata.name}\u0000${eventKey(event)}`)) return;
    const o = event.involvedObject;
    await sendNotification(this.deps, {
      request,
      provider: provider.spec.type,
      owner: alert,
      what: `alert ${alert.metadata.namespace}/${alert.metadata.name} (${o.kind} ${o.namespace}/${o.name} ${event.reason})`,
      timeoutMs: parseGoDuration(provider.spec.timeout ?? '') ?? 15_000,
    });
  }

  private async provider(alert: Alert): Promise<Provider | undefined> {
    const name = alert.spec.providerRef?.name ?? '';
    const namespace = alert.metadata.namespace;
    const provider = (await this.deps.home.get({
      apiVersion: NOTIFICATION_API_VERSION,
      kind: 'Provider',
      namespace,
      name,
    })) as Provider | undefined;
    if (!provider) this.problems.report(alert, 'ProviderNotFound', `Provider ${namespace}/${name} not found`);
    return provider;
  }

  /** The Provider Secret's `address`, `token` and `headers` (YAML map); {} without secretRef. */
  private async secretOf(provider: Provider, alert: Alert): Promise<ProviderSecret | undefined> {
    const name = provider.spec.secretRef?.name;
    if (!name) return {};
    const namespace = provider.metadata.namespace;
    const secret = await this.deps.home.get({ apiVersion: 'v1', kind: 'Secret', namespace, name });
    if (!secret) {
      this.problems.report(
        alert,
        'SecretNotFound',
        `Secret ${namespace}/${name} of Provider ${provider.metadata.name} not found`,
      );
      return undefined;
    }
    const data = (secret.data ?? {}) as Record<string, string>;
    const value = (key: string): string | undefined =>
      data[key] === undefined ? undefined : Buffer.from(data[key], 'base64').toString('utf8').trim();
    const headersText = value('headers');
    try {
      const headers = headersText ? (parse(headersText) as Record<string, string>) : undefined;
      return { address: value('address'), token: value('token'), headers };
    } catch {
      this.problems.report(
        alert,
        'InvalidProvider',
        `Secret ${namespace}/${name}: key "headers" is not a YAML map`,
      );
      return undefined;
    }
  }

  private async labelsOf(event: FluxEvent): Promise<Record<string, string> | undefined> {
    const o = event.involvedObject;
    if (!o.apiVersion) return undefined;
    const obj = await this.deps.home
      .get({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: o.name })
      .catch(() => undefined);
    return obj?.metadata.labels;
  }
}
