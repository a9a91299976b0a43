/**
 * Kubernetes Events: every automatic action (sync, prune, self-heal, rollback,
 * failure) leaves one on the object it concerns, as `kubectl describe` shows them.
 */
import { randomBytes } from 'node:crypto';
import type { Cluster } from './cluster.js';
import type { KubeObject } from './object.js';

export interface EventInput {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export const eventSource = 'ferry-controller';

export async function recordEvent(cluster: Cluster, involved: KubeObject, event: EventInput): Promise<void> {
  const now = new Date().toISOString();
  const namespace = involved.metadata.namespace ?? 'default';
  await cluster.create({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${involved.metadata.name ?? 'object'}.${randomBytes(8).toString('hex')}`, namespace },
    involvedObject: {
      apiVersion: involved.apiVersion,
      kind: involved.kind,
      name: involved.metadata.name,
      namespace: involved.metadata.namespace,
      uid: involved.metadata.uid,
      resourceVersion: involved.metadata.resourceVersion,
    },
    reason: event.reason,
    message: event.message.slice(0, 1024),
    type: event.type,
    source: { component: eventSource },
    reportingComponent: eventSource,
    reportingInstance: eventSource,
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  });
}
