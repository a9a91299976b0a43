/**
 * Resource hooks. `argocd.argoproj.io/hook` lists hook types (comma separated); only when it
 * names none does Helm's `helm.sh/hook` count, mapped as Argo CD maps it (pre-install and
 * pre-upgrade → PreSync, post-install and post-upgrade → PostSync, post-delete → PostDelete).
 * Other Helm hooks (test, pre-delete, pre/post-rollback) have no type here: such an object is
 * still a hook, so it is neither applied nor pruned; it simply never runs. "Skip" alone marks an
 * ordinary resource that is not applied. `helm.sh/hook: crd-install` is an ordinary resource.
 */
import type { KubeObject } from '../../kube/object.js';
import { ANNOTATION, annotation, annotationList } from './annotations.js';
import type { SyncPhase } from './order.js';

export type HookType = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail' | 'PostDelete' | 'Skip';

export type HookDeletePolicy = 'HookSucceeded' | 'HookFailed' | 'BeforeHookCreation';

const ARGO_HOOK_TYPES: ReadonlySet<string> = new Set<HookType>([
  'PreSync',
  'Sync',
  'PostSync',
  'SyncFail',
  'PostDelete',
  'Skip',
]);

const HELM_HOOK_TYPES = new Map<string, HookType>([
  ['pre-install', 'PreSync'],
  ['pre-upgrade', 'PreSync'],
  ['post-install', 'PostSync'],
  ['post-upgrade', 'PostSync'],
  ['post-delete', 'PostDelete'],
]);

const ARGO_DELETE_POLICIES: ReadonlySet<string> = new Set<HookDeletePolicy>([
  'HookSucceeded',
  'HookFailed',
  'BeforeHookCreation',
]);

const HELM_DELETE_POLICIES = new Map<string, HookDeletePolicy>([
  ['before-hook-creation', 'BeforeHookCreation'],
  ['hook-succeeded', 'HookSucceeded'],
  ['hook-failed', 'HookFailed'],
]);

const SYNC_PHASE_HOOKS: ReadonlySet<HookType> = new Set<HookType>([
  'PreSync',
  'Sync',
  'PostSync',
  'SyncFail',
]);

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** The hook types an object declares, without duplicates; unrecognised values are dropped. */
export function hookTypes(obj: KubeObject): HookType[] {
  const argo = annotationList(obj, ANNOTATION.hook).filter((t): t is HookType => ARGO_HOOK_TYPES.has(t));
  if (argo.length > 0) return unique(argo);
  return unique(annotationList(obj, ANNOTATION.helmHook).flatMap((t) => HELM_HOOK_TYPES.get(t) ?? []));
}

/** Marked Skip and nothing else: an ordinary resource that a sync leaves alone. */
export function isSkipped(obj: KubeObject): boolean {
  const types = hookTypes(obj);
  return types.length === 1 && types[0] === 'Skip';
}

/**
 * Whether the object is a hook: it carries the Argo CD hook annotation (and is not merely
 * Skip), or, without it, a Helm hook annotation other than crd-install. A hook whose
 * annotation names no known type is still a hook.
 */
export function isHook(obj: KubeObject): boolean {
  if (annotation(obj, ANNOTATION.hook) !== undefined) return !isSkipped(obj);
  const helm = annotation(obj, ANNOTATION.helmHook);
  return helm !== undefined && helm.trim() !== 'crd-install';
}

/**
 * When a hook is deleted: Argo CD's policies plus Helm's mapped ones, without duplicates;
 * BeforeHookCreation when none is given.
 */
export function hookDeletePolicies(obj: KubeObject): HookDeletePolicy[] {
  const argo = annotationList(obj, ANNOTATION.hookDeletePolicy).filter((p): p is HookDeletePolicy =>
    ARGO_DELETE_POLICIES.has(p),
  );
  const helm = annotationList(obj, ANNOTATION.helmHookDeletePolicy).flatMap(
    (p) => HELM_DELETE_POLICIES.get(p) ?? [],
  );
  const policies = unique([...argo, ...helm]);
  return policies.length > 0 ? policies : ['BeforeHookCreation'];
}

/**
 * The sync phases the object takes part in: none when skipped, its hook phases when a hook
 * (PostDelete and unknown types run in no sync phase), else Sync.
 */
export function syncPhases(obj: KubeObject): SyncPhase[] {
  if (isSkipped(obj)) return [];
  if (!isHook(obj)) return ['Sync'];
  return hookTypes(obj).filter((t): t is SyncPhase & HookType => SYNC_PHASE_HOOKS.has(t));
}
