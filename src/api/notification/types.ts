/**
 * Flux's notification.toolkit.fluxcd.io/v1beta3 Provider and Alert, field for field.
 * In v1beta3 both are static objects: Flux removed their status conditions, and so does
 * Ferry (a problem with one is a Warning Event on it and a log line).
 */
import type { KubeObject, ObjectMeta } from '../../kube/object.js';

export const NOTIFICATION_GROUP = 'notification.toolkit.fluxcd.io';
export const NOTIFICATION_API_VERSION = `${NOTIFICATION_GROUP}/v1beta3`;

/** The provider types Ferry delivers to; Flux knows many more (docs/compatibility.md). */
export const SUPPORTED_PROVIDER_TYPES = ['generic', 'generic-hmac', 'slack'] as const;

export interface ProviderSpec {
  type: string;
  /** Webhook URL; the Secret's `address` key wins over it. */
  address?: string;
  channel?: string;
  username?: string;
  /** Go duration, default 15s. */
  timeout?: string;
  proxy?: string;
  /** Secret keys: `address`, `token` (the HMAC key of generic-hmac), `headers` (YAML map). */
  secretRef?: { name: string };
  certSecretRef?: { name: string };
  suspend?: boolean;
  interval?: string;
}

export interface Provider extends KubeObject {
  metadata: ObjectMeta;
  spec: ProviderSpec;
}

export interface EventSource {
  apiVersion?: string;
  kind: string;
  /** An object name, or `*` (glob) for every object of the kind in the namespace. */
  name: string;
  /** Defaults to the Alert's namespace. */
  namespace?: string;
  matchLabels?: Record<string, string>;
}

export interface AlertSpec {
  providerRef: { name: string };
  /** `info` (default) sends every event, `error` only the error ones. */
  eventSeverity?: 'info' | 'error';
  eventSources: EventSource[];
  /** Regular expressions; when set, an event's message must match one of them. */
  inclusionList?: string[];
  /** Regular expressions; an event whose message matches one is dropped. */
  exclusionList?: string[];
  eventMetadata?: Record<string, string>;
  /** Deprecated in Flux in favour of eventMetadata; sent as metadata `summary`. */
  summary?: string;
  suspend?: boolean;
}

export interface Alert extends KubeObject {
  metadata: ObjectMeta;
  spec: AlertSpec;
}
