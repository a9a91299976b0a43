/**
 * Deciding what to do with the Applications of an ApplicationSet (Argo CD's
 * createOrUpdateInCluster / createInCluster / deleteInCluster), apart from doing it:
 * create the missing ones, update the owned ones that differ, delete the owned ones no
 * longer generated, each only when applicationsSync allows it. Applications controlled
 * by another ApplicationSet are never touched. Pure: Applications in, changes out.
 */
import type { Application, ApplicationSet, ApplicationsSyncPolicy } from '../api/argo/index.js';
import type { ObjectMeta } from '../kube/object.js';
import { stableJson } from '../render/cache.js';
import { keepIgnoredFields } from './ignore-differences.js';
import { normalizeSpec } from './normalize.js';

export type Change =
  | { action: 'create'; app: Application }
  | { action: 'update'; app: Application; current: Application }
  | { action: 'delete'; current: Application };

export interface Plan {
  changes: Change[];
  unchanged: string[];
  /** Applications that cannot be written (owned by another ApplicationSet). */
  problems: string[];
}

type OwnerReference = NonNullable<ObjectMeta['ownerReferences']>[number] & { blockOwnerDeletion?: boolean };

const PRESERVED_ANNOTATIONS = [
  'notified.notifications.argoproj.io',
  'argocd.argoproj.io/refresh',
  'argocd.argoproj.io/hydrate',
];
const PRESERVED_FINALIZER_PREFIXES = [
  'pre-delete-finalizer.argocd.argoproj.io',
  'post-delete-finalizer.argocd.argoproj.io',
];

export function allowsUpdate(policy: ApplicationsSyncPolicy = 'sync'): boolean {
  return policy === 'sync' || policy === 'create-update';
}

export function allowsDelete(policy: ApplicationsSyncPolicy = 'sync'): boolean {
  return policy === 'sync' || policy === 'create-delete';
}

export function ownerReference(appSet: ApplicationSet): OwnerReference {
  return {
    apiVersion: appSet.apiVersion,
    kind: 'ApplicationSet',
    name: appSet.metadata.name ?? '',
    uid: appSet.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The ApplicationSet controlling `app`, by name, if any. */
export function controllingAppSet(app: Application): string | undefined {
  return app.metadata.ownerReferences?.find(
    (r) => r.controller && r.kind === 'ApplicationSet' && r.apiVersion.startsWith('argoproj.io/'),
  )?.name;
}

function preserved(
  keys: readonly string[],
  from: Record<string, string> | undefined,
  into: Record<string, string> | undefined,
): Record<string, string> | undefined {
  const kept = Object.fromEntries(keys.filter((k) => from?.[k] !== undefined).map((k) => [k, from![k]!]));
  return Object.keys(kept).length ? { ...(into ?? {}), ...kept } : into;
}

/** The object to write for an existing Application: its own metadata and status, the generated spec. */
function updated(current: Application, desired: Application, appSet: ApplicationSet): Application {
  const fields = appSet.spec.preservedFields;
  const finalizers = [
    ...(desired.metadata.finalizers ?? []),
    ...(current.metadata.finalizers ?? []).filter((f) =>
      PRESERVED_FINALIZER_PREFIXES.some((p) => f.startsWith(p)),
    ),
  ];
  const ref = ownerReference(appSet);
  const owners = (current.metadata.ownerReferences ?? []).filter((r) => !r.controller);
  const metadata: ObjectMeta = {
    ...current.metadata,
    annotations: preserved(
      [...(fields?.annotations ?? []), ...PRESERVED_ANNOTATIONS],
      current.metadata.annotations,
      desired.metadata.annotations,
    ),
    labels: preserved(fields?.labels ?? [], current.metadata.labels, desired.metadata.labels),
    finalizers: finalizers.length ? finalizers : undefined,
    ownerReferences: [...owners, ref],
  };
  const next: Application = { ...current, metadata, spec: normalizeSpec(desired.spec) };
  if (desired.operation) next.operation = desired.operation;
  return keepIgnoredFields(next, current, appSet.spec.ignoreApplicationDifferences);
}

const significant = (app: Application): string =>
  stableJson({
    spec: app.spec,
    labels: app.metadata.labels ?? {},
    annotations: app.metadata.annotations ?? {},
    finalizers: app.metadata.finalizers ?? [],
    owners: app.metadata.ownerReferences ?? [],
    operation: app.operation ?? null,
  });

function created(desired: Application, appSet: ApplicationSet): Application {
  return {
    ...desired,
    metadata: { ...desired.metadata, ownerReferences: [ownerReference(appSet)] },
    spec: normalizeSpec(desired.spec),
  };
}

type Decision = { change: Change } | { unchanged: string } | { problem: string };

function decide(appSet: ApplicationSet, app: Application, current: Application | undefined): Decision {
  if (!current) return { change: { action: 'create', app: created(app, appSet) } };
  const name = current.metadata.name ?? '';
  const owner = controllingAppSet(current);
  if (owner !== undefined && owner !== appSet.metadata.name)
    return { problem: `Application ${name} is already controlled by ApplicationSet ${owner}` };
  if (!allowsUpdate(appSet.spec.syncPolicy?.applicationsSync) || current.metadata.deletionTimestamp)
    return { unchanged: name };
  const next = updated(current, app, appSet);
  return significant(next) === significant(current)
    ? { unchanged: name }
    : { change: { action: 'update', app: next, current } };
}

function deletions(
  appSet: ApplicationSet,
  desired: readonly Application[],
  existing: readonly Application[],
): Change[] {
  const wanted = new Set(desired.map((a) => a.metadata.name));
  return existing
    .filter((a) => controllingAppSet(a) === appSet.metadata.name)
    .filter((a) => !wanted.has(a.metadata.name) && !a.metadata.deletionTimestamp)
    .map((current) => ({ action: 'delete', current }));
}

export function planApplications(
  appSet: ApplicationSet,
  desired: readonly Application[],
  existing: readonly Application[],
): Plan {
  const byName = new Map(existing.map((a) => [a.metadata.name ?? '', a]));
  const plan: Plan = { changes: [], unchanged: [], problems: [] };
  for (const app of desired) {
    const decision = decide(appSet, app, byName.get(app.metadata.name ?? ''));
    if ('change' in decision) plan.changes.push(decision.change);
    else if ('unchanged' in decision) plan.unchanged.push(decision.unchanged);
    else plan.problems.push(decision.problem);
  }
  if (allowsDelete(appSet.spec.syncPolicy?.applicationsSync))
    plan.changes.push(...deletions(appSet, desired, existing));
  return plan;
}
