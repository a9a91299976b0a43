/**
 * Flux's event payload (fluxcd/pkg/apis/event v1beta1 Event), built from a Kubernetes
 * Event Ferry recorded on a Flux object. Severity follows Flux's recorder: Normal → info,
 * Warning → error. Metadata comes from the Event's annotations under the object's API
 * group (`source.toolkit.fluxcd.io/revision` → `revision`), as Flux's recorder sends it.
 */
import type { KubeObject } from '../kube/object.js';

export interface FluxEvent {
  involvedObject: {
    kind: string;
    namespace: string;
    name: string;
    uid?: string;
    apiVersion?: string;
    resourceVersion?: string;
  };
  severity: 'info' | 'error';
  timestamp: string;
  message: string;
  reason: string;
  metadata?: Record<string, string>;
  reportingController: string;
  reportingInstance?: string;
}

/** The kinds whose Events become Flux notifications, and the Flux controller that owns each group. */
const CONTROLLER_BY_GROUP: Record<string, string> = {
  'source.toolkit.fluxcd.io': 'source-controller',
  'helm.toolkit.fluxcd.io': 'helm-controller',
  'kustomize.toolkit.fluxcd.io': 'kustomize-controller',
  'image.toolkit.fluxcd.io': 'image-reflector-controller',
};
const IMAGE_AUTOMATION = 'ImageUpdateAutomation';

interface EventFields {
  involvedObject?: FluxEvent['involvedObject'];
  type?: string;
  reason?: string;
  message?: string;
  lastTimestamp?: string;
  firstTimestamp?: string;
  eventTime?: string;
  reportingInstance?: string;
}

const groupOf = (apiVersion = ''): string => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');

/** The Flux event for a Kubernetes Event on a Flux object; undefined for any other Event. */
export function fluxEventFrom(event: KubeObject): FluxEvent | undefined {
  const e = event as KubeObject & EventFields;
  const involved = e.involvedObject;
  const group = groupOf(involved?.apiVersion);
  const controller = CONTROLLER_BY_GROUP[group];
  if (!involved || !controller || !e.reason) return undefined;
  return {
    involvedObject: {
      kind: involved.kind,
      namespace: involved.namespace ?? event.metadata.namespace ?? '',
      name: involved.name,
      uid: involved.uid,
      apiVersion: involved.apiVersion,
      resourceVersion: involved.resourceVersion,
    },
    severity: e.type === 'Warning' ? 'error' : 'info',
    timestamp: timestampOf(e),
    message: e.message ?? '',
    reason: e.reason,
    metadata: metadataOf(event, group),
    reportingController: involved.kind === IMAGE_AUTOMATION ? 'image-automation-controller' : controller,
    reportingInstance: e.reportingInstance,
  };
}

function timestampOf(e: EventFields): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? new Date().toISOString();
}

function metadataOf(event: KubeObject, group: string): Record<string, string> | undefined {
  const prefix = `${group}/`;
  const entries = Object.entries(event.metadata.annotations ?? {})
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, value]): [string, string] => [key.slice(prefix.length), value]);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Flux's rate-limit key: the same object, reason, message and revision is one event. */
export function eventKey(event: FluxEvent): string {
  const o = event.involvedObject;
  return [o.kind, o.namespace, o.name, event.reason, event.message, event.metadata?.revision ?? ''].join(
    '\u0000',
  );
}
