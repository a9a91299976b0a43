/** How Applications look in the terminal: list rows, the `get` summary, history. */
import type { Application } from '../api/argo/index.js';
import { age, table } from './table.js';

export function appRow(app: Application): string[] {
  const s = app.status ?? {};
  const src = app.spec.source ?? app.spec.sources?.[0];
  const auto = app.spec.syncPolicy?.automated && app.spec.syncPolicy.automated.enabled !== false;
  return [
    app.metadata.name ?? '',
    app.spec.destination.server ?? app.spec.destination.name ?? '',
    app.spec.destination.namespace ?? '',
    app.spec.project || 'default',
    s.sync?.status ?? 'Unknown',
    s.health?.status ?? 'Unknown',
    auto ? 'Auto' + (app.spec.syncPolicy?.automated?.prune ? '-Prune' : '') : 'Manual',
    (s.conditions ?? []).map((c) => c.type).join(',') || '<none>',
    src?.repoURL ?? '',
    src?.chart ?? src?.path ?? '',
    src?.targetRevision ?? '',
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

export function appSummary(app: Application): string {
  const s = app.status ?? {};
  const src = app.spec.source ?? app.spec.sources?.[0];
  const op = s.operationState;
  const lines = [
    `Name:               ${app.metadata.namespace}/${app.metadata.name}`,
    `Project:            ${app.spec.project || 'default'}`,
    `Server:             ${app.spec.destination.server ?? app.spec.destination.name ?? ''}`,
    `Namespace:          ${app.spec.destination.namespace ?? ''}`,
    `Repo:               ${src?.repoURL ?? ''}`,
    `Target:             ${src?.targetRevision ?? ''}`,
    `${src?.chart ? 'Chart' : 'Path'}:${src?.chart ? '              ' : '               '}${src?.chart ?? src?.path ?? ''}`,
    `SyncWindow:         Sync Allowed`,
    `Sync Policy:        ${app.spec.syncPolicy?.automated ? `Automated${app.spec.syncPolicy.automated.prune ? ' (Prune)' : ''}` : 'Manual'}`,
    `Sync Status:        ${s.sync?.status ?? 'Unknown'}${s.sync?.revision ? ` to ${s.sync.revision}` : ''}`,
    `Health Status:      ${s.health?.status ?? 'Unknown'}${s.health?.message ? ` (${s.health.message})` : ''}`,
  ];
  if (s.conditions?.length) {
    lines.push('', 'CONDITION          MESSAGE                                              LAST TRANSITION');
    for (const c of s.conditions)
      lines.push(`${c.type.padEnd(19)}${c.message}  ${age(c.lastTransitionTime)}`);
  }
  if (op) {
    lines.push('', `Operation:          ${op.operation.initiatedBy?.automated ? 'Automated sync' : 'Sync'}`);
    lines.push(`Sync Revision:      ${op.syncResult?.revision ?? ''}`);
    lines.push(`Phase:              ${op.phase}${op.retryCount ? ` (retry ${op.retryCount})` : ''}`);
    lines.push(`Start:              ${op.startedAt}`);
    if (op.finishedAt) lines.push(`Finished:           ${op.finishedAt}`);
    lines.push(`Message:            ${op.message ?? ''}`);
  }
  const rows = (s.resources ?? []).map((r) => [
    r.group ?? '',
    r.kind ?? '',
    r.namespace ?? '',
    r.name ?? '',
    r.status ?? '',
    r.health?.status ?? '',
    r.requiresPruning ? 'requires pruning' : (r.health?.message ?? ''),
  ]);
  lines.push(
    '',
    table(['GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'MESSAGE'], rows).trimEnd(),
  );
  return `${lines.join('\n')}\n`;
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
