/** How Applications look in the terminal: list rows, the `get` summary, history. */
import type { Application, ApplicationSource, ApplicationStatus, OperationState } from '../api/argo/index.js';
import { age, table } from './table.js';

export function appRow(app: Application): string[] {
  const s = app.status ?? {};
  return [
    app.metadata.name ?? '',
    destinationServer(app),
    app.spec.destination.namespace ?? '',
    projectName(app),
    ...statusColumns(s),
    automationColumn(app),
    (s.conditions ?? []).map((c) => c.type).join(',') || '<none>',
    ...sourceColumns(primarySource(app)),
  ];
}

export const appListHeaders = [
  'NAME',
  'CLUSTER',
  'NAMESPACE',
  'PROJECT',
  'STATUS',
  'HEALTH',
  'SYNCPOLICY',
  'CONDITIONS',
  'REPO',
  'PATH',
  'TARGET',
];

/** STATUS and HEALTH. */
function statusColumns(s: ApplicationStatus): string[] {
  return [s.sync?.status ?? 'Unknown', s.health?.status ?? 'Unknown'];
}

/** SYNCPOLICY: Manual, Auto or Auto-Prune (automated sync turned off counts as Manual). */
function automationColumn(app: Application): string {
  const auto = app.spec.syncPolicy?.automated && app.spec.syncPolicy.automated.enabled !== false;
  return auto ? 'Auto' + (app.spec.syncPolicy?.automated?.prune ? '-Prune' : '') : 'Manual';
}

/** REPO, PATH and TARGET. */
function sourceColumns(src: ApplicationSource | undefined): string[] {
  return [src?.repoURL ?? '', chartOrPath(src), src?.targetRevision ?? ''];
}

export function appSummary(app: Application): string {
  const s = app.status ?? {};
  const lines = [
    ...overviewLines(app),
    ...conditionLines(s),
    ...(s.operationState ? operationLines(s.operationState) : []),
    '',
    resourceTable(s).trimEnd(),
  ];
  return `${lines.join('\n')}\n`;
}

/** One `Label:   value` line of the summary, values aligned in one column. */
function field(label: string, value: string): string {
  return `${`${label}:`.padEnd(20)}${value}`;
}

function overviewLines(app: Application): string[] {
  const s = app.status ?? {};
  const src = primarySource(app);
  return [
    field('Name', `${app.metadata.namespace}/${app.metadata.name}`),
    field('Project', projectName(app)),
    field('Server', destinationServer(app)),
    field('Namespace', app.spec.destination.namespace ?? ''),
    field('Repo', src?.repoURL ?? ''),
    field('Target', src?.targetRevision ?? ''),
    field(src?.chart ? 'Chart' : 'Path', chartOrPath(src)),
    field('SyncWindow', 'Sync Allowed'),
    field('Sync Policy', syncPolicySummary(app)),
    field('Sync Status', syncStatusSummary(s)),
    field('Health Status', healthSummary(s)),
  ];
}

function syncPolicySummary(app: Application): string {
  const automated = app.spec.syncPolicy?.automated;
  return automated ? `Automated${automated.prune ? ' (Prune)' : ''}` : 'Manual';
}

function syncStatusSummary(s: ApplicationStatus): string {
  return `${s.sync?.status ?? 'Unknown'}${s.sync?.revision ? ` to ${s.sync.revision}` : ''}`;
}

function healthSummary(s: ApplicationStatus): string {
  return `${s.health?.status ?? 'Unknown'}${s.health?.message ? ` (${s.health.message})` : ''}`;
}

function conditionLines(s: ApplicationStatus): string[] {
  if (!s.conditions?.length) return [];
  return [
    '',
    'CONDITION          MESSAGE                                              LAST TRANSITION',
    ...s.conditions.map((c) => `${c.type.padEnd(19)}${c.message}  ${age(c.lastTransitionTime)}`),
  ];
}

function operationLines(op: OperationState): string[] {
  return [
    '',
    field('Operation', op.operation.initiatedBy?.automated ? 'Automated sync' : 'Sync'),
    field('Sync Revision', op.syncResult?.revision ?? ''),
    field('Phase', `${op.phase}${op.retryCount ? ` (retry ${op.retryCount})` : ''}`),
    field('Start', op.startedAt),
    ...(op.finishedAt ? [field('Finished', op.finishedAt)] : []),
    field('Message', op.message ?? ''),
  ];
}

function resourceTable(s: ApplicationStatus): string {
  const rows = (s.resources ?? []).map((r) => [
    r.group ?? '',
    r.kind ?? '',
    r.namespace ?? '',
    r.name ?? '',
    r.status ?? '',
    r.health?.status ?? '',
    r.requiresPruning ? 'requires pruning' : (r.health?.message ?? ''),
  ]);
  return table(['GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'MESSAGE'], rows);
}

export function historyTable(app: Application): string {
  const rows = (app.status?.history ?? []).map((h) => [
    String(h.id),
    h.deployedAt,
    h.revision ?? (h.revisions ?? []).join(','),
    h.initiatedBy?.automated ? 'automated' : (h.initiatedBy?.username ?? ''),
  ]);
  return table(['ID', 'DATE', 'REVISION', 'INITIATED BY'], rows);
}

/** The source the list and summary show: `source`, else the first of `sources`. */
function primarySource(app: Application): ApplicationSource | undefined {
  return app.spec.source ?? app.spec.sources?.[0];
}

function destinationServer(app: Application): string {
  return app.spec.destination.server ?? app.spec.destination.name ?? '';
}

function projectName(app: Application): string {
  return app.spec.project || 'default';
}

/** The chart of a Helm repository source, else its path in Git. */
function chartOrPath(src: ApplicationSource | undefined): string {
  return src?.chart ?? src?.path ?? '';
}
