/**
 * Argo CD sync options: the Application's `spec.syncPolicy.syncOptions` list and the per-resource
 * `argocd.argoproj.io/sync-options` annotation ("Prune=false,Delete=false"). Entries are
 * `Key=value`, matched exactly as Argo CD does (case-sensitive, whitespace trimmed). Entries we
 * do not know, or with a value the key does not take, land in `unknown` for the caller to report.
 */
import type { KubeObject } from '../../kube/object.js';
import { ANNOTATION, annotation, annotationList } from './annotations.js';

export type PrunePropagationPolicy = 'foreground' | 'background' | 'orphan';

export interface SyncOptions {
  /** Validate=false: apply without schema validation. */
  validate: boolean;
  /** CreateNamespace=true: create the destination namespace when missing. */
  createNamespace: boolean;
  /** PruneLast=true: prune in one final wave, after everything else is healthy. */
  pruneLast: boolean;
  /** ApplyOutOfSyncOnly=true: apply only resources that differ (hooks still run). */
  applyOutOfSyncOnly: boolean;
  /** Replace=true: replace/create instead of apply (takes precedence over server-side apply). */
  replace: boolean;
  /** ServerSideApply=true|false. */
  serverSideApply: boolean;
  /** Force=true: delete and re-create. */
  force: boolean;
  /** Prune=false: never prune. Prune=confirm keeps this true and sets pruneConfirm. */
  prune: boolean;
  /** Prune=confirm: prune only once confirmed. */
  pruneConfirm: boolean;
  /** Delete=false (or helm.sh/resource-policy: keep): keep when the Application is deleted. */
  delete: boolean;
  /** Delete=confirm: delete only once confirmed. */
  deleteConfirm: boolean;
  /** PrunePropagationPolicy=foreground|background|orphan (default foreground). */
  prunePropagationPolicy: PrunePropagationPolicy;
  /** RespectIgnoreDifferences=true: keep ignored fields out of what is applied. */
  respectIgnoreDifferences: boolean;
  /** FailOnSharedResource=true: fail when another Application already owns a resource. */
  failOnSharedResource: boolean;
  /** SkipDryRunOnMissingResource=true: skip dry run when the resource type is not known yet. */
  skipDryRunOnMissingResource: boolean;
  /** ClientSideApplyMigration=false: do not migrate client-side apply field managers. */
  clientSideApplyMigration: boolean;
  /** Entries not understood, as written (trimmed). */
  unknown: string[];
}

type OptionValues = Omit<SyncOptions, 'unknown'>;

/** The options a resource annotation may set; they override the Application's. */
export type ResourceOptionKey =
  | 'validate'
  | 'pruneLast'
  | 'replace'
  | 'serverSideApply'
  | 'force'
  | 'prune'
  | 'pruneConfirm'
  | 'delete'
  | 'deleteConfirm'
  | 'respectIgnoreDifferences'
  | 'skipDryRunOnMissingResource';

export type ResourceSyncOptions = Partial<Pick<SyncOptions, ResourceOptionKey>> & { unknown: string[] };

export const DEFAULT_SYNC_OPTIONS: Readonly<OptionValues> = Object.freeze({
  validate: true,
  createNamespace: false,
  pruneLast: false,
  applyOutOfSyncOnly: false,
  replace: false,
  serverSideApply: false,
  force: false,
  prune: true,
  pruneConfirm: false,
  delete: true,
  deleteConfirm: false,
  prunePropagationPolicy: 'foreground',
  respectIgnoreDifferences: false,
  failOnSharedResource: false,
  skipDryRunOnMissingResource: false,
  clientSideApplyMigration: true,
});

type Reader = (value: string) => Partial<OptionValues> | undefined;

function flag(field: keyof OptionValues): Reader {
  return (value) => (value === 'true' || value === 'false' ? { [field]: value === 'true' } : undefined);
}

/** true | false | confirm, for Prune and Delete. */
function confirmable(field: 'prune' | 'delete'): Reader {
  return (value) => {
    if (value !== 'true' && value !== 'false' && value !== 'confirm') return undefined;
    return { [field]: value !== 'false', [`${field}Confirm`]: value === 'confirm' };
  };
}

const propagationPolicy: Reader = (value) =>
  value === 'foreground' || value === 'background' || value === 'orphan'
    ? { prunePropagationPolicy: value }
    : undefined;

/** Options a resource annotation may carry. */
const RESOURCE_READERS = new Map<string, Reader>([
  ['Validate', flag('validate')],
  ['PruneLast', flag('pruneLast')],
  ['Replace', flag('replace')],
  ['ServerSideApply', flag('serverSideApply')],
  ['Force', flag('force')],
  ['Prune', confirmable('prune')],
  ['Delete', confirmable('delete')],
  ['RespectIgnoreDifferences', flag('respectIgnoreDifferences')],
  ['SkipDryRunOnMissingResource', flag('skipDryRunOnMissingResource')],
]);

/** Options of the Application as a whole, which a resource annotation cannot set. */
const APPLICATION_READERS = new Map<string, Reader>([
  ...RESOURCE_READERS,
  ['CreateNamespace', flag('createNamespace')],
  ['ApplyOutOfSyncOnly', flag('applyOutOfSyncOnly')],
  ['PrunePropagationPolicy', propagationPolicy],
  ['FailOnSharedResource', flag('failOnSharedResource')],
  ['ClientSideApplyMigration', flag('clientSideApplyMigration')],
]);

function readEntries(
  entries: readonly string[],
  readers: Map<string, Reader>,
): { values: Partial<OptionValues>; unknown: string[] } {
  const values: Partial<OptionValues> = {};
  const unknown: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const reader = eq < 0 ? undefined : readers.get(entry.slice(0, eq).trim());
    const read = reader?.(entry.slice(eq + 1).trim());
    if (read === undefined) unknown.push(entry);
    else Object.assign(values, read);
  }
  return { values, unknown };
}

/** The Application's sync options over Argo CD's defaults; later entries win. */
export function parseSyncOptions(entries: readonly string[] | undefined): SyncOptions {
  const { values, unknown } = readEntries(entries ?? [], APPLICATION_READERS);
  return { ...DEFAULT_SYNC_OPTIONS, ...values, unknown };
}

/**
 * The options set on one object: its `argocd.argoproj.io/sync-options` annotation, plus
 * `helm.sh/resource-policy: keep`, which Argo CD reads as Delete=false. Options only an
 * Application can carry (CreateNamespace, ApplyOutOfSyncOnly, ...) are reported as unknown here.
 */
export function resourceSyncOptions(obj: KubeObject): ResourceSyncOptions {
  const { values, unknown } = readEntries(annotationList(obj, ANNOTATION.syncOptions), RESOURCE_READERS);
  const options: ResourceSyncOptions = { ...values, unknown };
  if (annotation(obj, ANNOTATION.helmResourcePolicy)?.trim() === 'keep') {
    options.delete = false;
    options.deleteConfirm = false;
  }
  return options;
}

/** The options in force for one object: its annotation overrides the Application's options. */
export function effectiveSyncOptions(app: SyncOptions, obj: KubeObject): SyncOptions {
  const { unknown, ...own } = resourceSyncOptions(obj);
  return { ...app, ...own, unknown: [...app.unknown, ...unknown] };
}
