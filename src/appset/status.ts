/**
 * The ApplicationSet's status in Argo CD's shape: the three conditions
 * (ErrorOccurred, ParametersGenerated, ResourcesUpToDate) and `resources`, one entry per
 * generated Application with its sync and health status. Pure.
 */
import type {
  Application,
  ApplicationSetCondition,
  ApplicationSetStatus,
  ResourceStatus,
} from '../api/argo/index.js';

export type Outcome =
  { ok: true } | { ok: false; reason: string; message: string; parametersGenerated: boolean };

const UP_TO_DATE = 'All applications have been generated successfully';
const PARAMETERS = 'Successfully generated parameters for all Applications';

function next(outcome: Outcome): Array<Omit<ApplicationSetCondition, 'lastTransitionTime'>> {
  if (outcome.ok)
    return [
      { type: 'ErrorOccurred', status: 'False', reason: 'ApplicationSetUpToDate', message: UP_TO_DATE },
      { type: 'ParametersGenerated', status: 'True', reason: 'ParametersGenerated', message: PARAMETERS },
      { type: 'ResourcesUpToDate', status: 'True', reason: 'ApplicationSetUpToDate', message: UP_TO_DATE },
    ];
  const { reason, message, parametersGenerated } = outcome;
  return [
    { type: 'ErrorOccurred', status: 'True', reason, message },
    parametersGenerated
      ? { type: 'ParametersGenerated', status: 'True', reason: 'ParametersGenerated', message: PARAMETERS }
      : { type: 'ParametersGenerated', status: 'False', reason: 'ErrorOccurred', message },
    { type: 'ResourcesUpToDate', status: 'False', reason: 'ErrorOccurred', message },
  ];
}

/** The conditions after `outcome`; a condition keeps its lastTransitionTime while its status stays. */
export function appSetConditions(
  previous: readonly ApplicationSetCondition[] | undefined,
  outcome: Outcome,
  now: string,
): ApplicationSetCondition[] {
  return next(outcome).map((c) => {
    const before = previous?.find((p) => p.type === c.type);
    return {
      ...c,
      lastTransitionTime: before && before.status === c.status ? (before.lastTransitionTime ?? now) : now,
    };
  });
}

/** status.resources: every Application the ApplicationSet owns, by name. */
export function resourceStatuses(apps: readonly Application[]): ResourceStatus[] {
  return apps
    .map((app) => ({
      group: 'argoproj.io',
      version: 'v1alpha1',
      kind: 'Application',
      name: app.metadata.name ?? '',
      namespace: app.metadata.namespace ?? '',
      status: app.status?.sync?.status ?? 'Unknown',
      health: { status: app.status?.health?.status ?? 'Unknown' },
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function statusOf(
  previous: ApplicationSetStatus | undefined,
  conditions: ApplicationSetCondition[],
  owned: readonly Application[],
): ApplicationSetStatus {
  const resources = resourceStatuses(owned);
  return { ...previous, conditions, resources, resourcesCount: resources.length };
}
