/**
 * The vocabulary of the health module: the six statuses Argo CD reports, the result of one
 * assessment, and the shape of a user-defined (custom) check.
 */
import type { KubeObject } from '../kube/object.js';

export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';

/** Every status, from most to least healthy (Argo CD's `healthOrder`). */
export const HEALTH_ORDER: readonly HealthStatus[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
];

export interface HealthResult {
  status: HealthStatus;
  message?: string;
}

export interface CustomHealthRule {
  /** An expression over the object (see README.md); the first rule that is true wins. */
  when: string;
  status: HealthStatus;
  /** May hold `{{ path }}` placeholders filled from the object. */
  message?: string;
}

export interface CustomHealthCheck {
  /** API group ("" for core); `*` matches any run of characters. */
  group: string;
  /** Kind; `*` matches any run of characters. */
  kind: string;
  rules: CustomHealthRule[];
  /** Status when no rule matches; without it the built-in check (if any) decides. */
  default?: HealthStatus;
}

export interface HealthOptions {
  customChecks?: CustomHealthCheck[];
}

/** A built-in check for one kind. It may throw; the caller turns that into `Unknown`. */
export type HealthCheck = (obj: KubeObject) => HealthResult;

export function isHealthStatus(value: unknown): value is HealthStatus {
  return typeof value === 'string' && (HEALTH_ORDER as readonly string[]).includes(value);
}

/** A result, leaving `message` out when there is nothing to say. */
export function health(status: HealthStatus, message?: string): HealthResult {
  return message ? { status, message } : { status };
}
