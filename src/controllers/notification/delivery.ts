/**
 * Sends one notification and leaves a record: a log line either way, the
 * `ferry_notifications_total{provider,result}` counter, and after the last failed
 * attempt a Warning Event on the object that asked for it (Alert or Application).
 * Records name the receiver's host and status only, never its URL path or token.
 */
import type { Cluster } from '../../kube/cluster.js';
import { recordEvent } from '../../kube/events.js';
import type { KubeObject } from '../../kube/object.js';
import {
  deliver,
  safeHost,
  type DeliveryResult,
  type OutgoingRequest,
  type SendOptions,
} from '../../notifications/sender.js';
import type { Logger } from '../../util/log.js';

export type NotificationCounter = (labels: { provider: string; result: 'sent' | 'failed' }) => void;

export interface DeliveryDeps {
  home: Cluster;
  log: Logger;
  count?: NotificationCounter;
  send?: SendOptions;
}

export interface DeliveryJob {
  request: OutgoingRequest;
  /** Label for the metric and logs: Flux provider type or Argo CD service type. */
  provider: string;
  /** The object a failure is reported on. */
  owner: KubeObject;
  /** Short description for logs and the Event, e.g. `alert apps/on-call for HelmRelease apps/podinfo`. */
  what: string;
  timeoutMs?: number;
}

export async function sendNotification(deps: DeliveryDeps, job: DeliveryJob): Promise<DeliveryResult> {
  const result = await deliver(job.request, {
    ...deps.send,
    timeoutMs: job.timeoutMs ?? deps.send?.timeoutMs,
  });
  deps.count?.({ provider: job.provider, result: result.ok ? 'sent' : 'failed' });
  const fields = {
    what: job.what,
    provider: job.provider,
    receiver: safeHost(job.request.url),
    attempts: result.attempts,
  };
  if (result.ok) {
    deps.log.info('notification sent', { ...fields, status: result.status });
    return result;
  }
  const message = `notification for ${job.what} not delivered after ${result.attempts} attempt(s): ${result.error ?? 'failed'}`;
  deps.log.warn('notification failed', { ...fields, error: result.error });
  await recordEvent(deps.home, job.owner, { type: 'Warning', reason: 'NotificationFailed', message }).catch(
    (err: unknown) =>
      deps.log.warn('could not record event', { what: job.what, error: (err as Error).message }),
  );
  return result;
}

/** Generation where there is one (a status change does not make a problem new), else resourceVersion. */
const version = (obj: KubeObject): string =>
  String(obj.metadata.generation ?? obj.metadata.resourceVersion ?? '');

/** A Warning Event plus a log line for a configuration problem, once per distinct message and version. */
export class ProblemReporter {
  private readonly reported = new Set<string>();

  constructor(
    private readonly home: Cluster,
    private readonly log: Logger,
  ) {}

  report(owner: KubeObject, reason: string, message: string): void {
    const key = `${owner.kind}/${owner.metadata.namespace ?? ''}/${owner.metadata.name ?? ''}/${version(owner)}/${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    if (this.reported.size > 10_000) this.reported.clear();
    this.log.error('notification configuration error', {
      kind: owner.kind,
      name: `${owner.metadata.namespace ?? ''}/${owner.metadata.name ?? ''}`,
      reason,
      problem: message,
    });
    recordEvent(this.home, owner, { type: 'Warning', reason, message }).catch((err: unknown) =>
      this.log.warn('could not record event', { reason, error: (err as Error).message }),
    );
  }
}
