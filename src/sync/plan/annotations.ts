/**
 * The annotations the sync planner reads, and two small readers for them. Argo CD's own keys
 * win; Helm's hook annotations are the fallback Argo CD maps onto its own.
 */
import type { KubeObject } from '../../kube/object.js';

export const ANNOTATION = {
  hook: 'argocd.argoproj.io/hook',
  hookDeletePolicy: 'argocd.argoproj.io/hook-delete-policy',
  syncWave: 'argocd.argoproj.io/sync-wave',
  syncOptions: 'argocd.argoproj.io/sync-options',
  helmHook: 'helm.sh/hook',
  helmHookWeight: 'helm.sh/hook-weight',
  helmHookDeletePolicy: 'helm.sh/hook-delete-policy',
  helmResourcePolicy: 'helm.sh/resource-policy',
} as const;

/**
 * The annotation's value, or undefined when absent. A number (an unquoted YAML value that never
 * went through the API server) is read as its decimal text.
 */
export function annotation(obj: KubeObject, key: string): string | undefined {
  const value: unknown = obj.metadata.annotations?.[key];
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : undefined;
}

/** A comma separated annotation as trimmed, non-empty items (empty when absent). */
export function annotationList(obj: KubeObject, key: string): string[] {
  const value = annotation(obj, key);
  if (value === undefined) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
