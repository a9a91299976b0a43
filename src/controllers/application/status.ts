/**
 * The Application's status in Argo CD's shape, built from a comparison, and written
 * only when something other than the reconcile time changed (no writes in a steady
 * state). Argo CD's CRD has no status subresource, so status is a JSON patch of the object.
 */
import type {
  Application,
  ApplicationCondition,
  ApplicationStatus,
  ResourceStatus,
  RevisionHistory,
} from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import { stableJson } from '../../render/cache.js';
import type { Comparison } from '../../engine/compare.js';
import { syncWave } from '../../sync/plan/index.js';
import type { AppContext } from './context.js';
import { summaryImages } from './summary-images.js';

export function resourceStatuses(comparison: Comparison): ResourceStatus[] {
  return comparison.resources
    .filter((r) => !r.hook)
    .map((r) => {
      const [group, version] = r.ref.apiVersion.includes('/')
        ? r.ref.apiVersion.split('/')
        : ['', r.ref.apiVersion];
      const status: ResourceStatus = {
        group,
        version,
        kind: r.ref.kind,
        namespace: r.ref.namespace ?? '',
        name: r.ref.name,
        status: r.status,
      };
      if (r.health)
        status.health = r.health.message
          ? { status: r.health.status, message: r.health.message }
          : { status: r.health.status };
      if (r.requiresPruning) status.requiresPruning = true;
      const wave = r.desired ? syncWave(r.desired) : 0;
      if (wave !== 0) status.syncWave = wave;
      return status;
    })
    .sort((a, b) =>
      `${a.group}/${a.kind}/${a.namespace}/${a.name}`.localeCompare(
        `${b.group}/${b.kind}/${b.namespace}/${b.name}`,
      ),
    );
}

export type NewConditions = Array<Omit<ApplicationCondition, 'lastTransitionTime'>>;

/** The status after a comparison, with these conditions; the rest of the previous status is kept. */
export function comparedStatus(
  { app, rendered, comparison }: Pick<AppContext, 'app' | 'rendered' | 'comparison'>,
  conditions: NewConditions,
  at: { now: string; controllerNamespace: string },
): ApplicationStatus {
  const prev = app.status ?? {};
  const multi = Boolean(app.spec.sources?.length);
  const images = summaryImages(comparison.resources.filter((r) => !r.hook).map((r) => r.live));
  return {
    ...prev,
    sync: {
      status: comparison.sync,
      ...(multi ? { revisions: rendered.revisions } : { revision: rendered.revision }),
      comparedTo: {
        ...(multi ? { sources: app.spec.sources } : { source: app.spec.source }),
        destination: app.spec.destination,
        ...(app.spec.ignoreDifferences ? { ignoreDifferences: app.spec.ignoreDifferences } : {}),
      },
    },
    health: comparison.healthMessage
      ? { status: comparison.health, message: comparison.healthMessage }
      : { status: comparison.health },
    resources: resourceStatuses(comparison),
    conditions: mergeConditions(prev.conditions, conditions, at.now),
    sourceType: rendered.sourceType,
    ...(multi ? { sourceTypes: rendered.sourceTypes } : {}),
    reconciledAt: at.now,
    controllerNamespace: at.controllerNamespace,
    ...(images.length > 0 || prev.summary?.images ? { summary: { ...prev.summary, images } } : {}),
  };
}

/** Conditions keep their lastTransitionTime while their message stays the same. */
export function mergeConditions(
  previous: ApplicationCondition[] | undefined,
  next: NewConditions,
  now: string,
): ApplicationCondition[] {
  return next.map((c) => {
    const same = previous?.find((p) => p.type === c.type && p.message === c.message);
    return { ...c, lastTransitionTime: same?.lastTransitionTime ?? now };
  });
}

export function appendHistory(
  history: RevisionHistory[] | undefined,
  entry: Omit<RevisionHistory, 'id'>,
  limit = 10,
): RevisionHistory[] {
  const list = history ?? [];
  const id = list.reduce((max, h) => Math.max(max, h.id), -1) + 1;
  return [...list, { ...entry, id }].slice(-Math.max(1, limit));
}

function withoutTimes(status: ApplicationStatus | undefined): string {
  if (!status) return '';
  const { reconciledAt: _r, observedAt: _o, ...rest } = status;
  return stableJson(rest);
}

/** Writes status (and clears or sets the operation) when anything changed; returns whether it wrote. */
export async function writeStatus(
  home: Cluster,
  app: Application,
  status: ApplicationStatus,
  operation: { clear?: boolean; set?: Application['operation'] } = {},
): Promise<boolean> {
  const operationChanges = operation.clear
    ? app.operation !== undefined
    : operation.set !== undefined && stableJson(operation.set) !== stableJson(app.operation);
  if (!operationChanges && withoutTimes(app.status) === withoutTimes(status)) return false;
  const patch: Array<Record<string, unknown>> = [{ op: 'add', path: '/status', value: status }];
  if (operation.clear && app.operation !== undefined) patch.push({ op: 'remove', path: '/operation' });
  if (operation.set) patch.push({ op: 'add', path: '/operation', value: operation.set });
  await home.jsonPatch(
    {
      apiVersion: app.apiVersion,
      kind: app.kind,
      namespace: app.metadata.namespace,
      name: app.metadata.name ?? '',
    },
    patch,
  );
  return true;
}
