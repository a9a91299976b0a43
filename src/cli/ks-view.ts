/** Tables for `ferry ks list|get` and `ferry flux get kustomizations`, in the flux CLI's columns. */
import type { Kustomization } from '../api/flux/index.js';
import { table } from './table.js';

function readyCells(ks: Kustomization): string[] {
  const c = ks.status?.conditions?.find((x) => x.type === 'Ready');
  return [
    ks.spec.suspend ? 'True' : 'False',
    c?.status ?? 'Unknown',
    (c?.message ?? '').replace(/\s+/g, ' '),
  ];
}

export function kustomizationsTable(list: Kustomization[], allNamespaces: boolean): string {
  const headers = [
    ...(allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    'REVISION',
    'SUSPENDED',
    'READY',
    'MESSAGE',
  ];
  const rows = list.map((ks) => [
    ...(allNamespaces ? [ks.metadata.namespace ?? ''] : []),
    ks.metadata.name ?? '',
    ks.status?.lastAppliedRevision ?? '',
    ...readyCells(ks),
  ]);
  return table(headers, rows);
}

function header(ks: Kustomization): string[] {
  const src = ks.spec.sourceRef;
  const status = ks.status ?? {};
  return [
    `Name:          ${ks.metadata.namespace ?? ''}/${ks.metadata.name ?? ''}`,
    `Source:        ${src.kind}/${src.namespace ?? ks.metadata.namespace ?? ''}/${src.name}`,
    `Path:          ${ks.spec.path ?? './'}`,
    `Prune:         ${String(ks.spec.prune)}`,
    `Suspended:     ${String(ks.spec.suspend ?? false)}`,
    `Applied:       ${status.lastAppliedRevision ?? ''}`,
    `Attempted:     ${status.lastAttemptedRevision ?? ''}`,
  ];
}

/** One Kustomization: source, path, revisions, conditions and its inventory. */
export function kustomizationDetails(ks: Kustomization): string {
  const lines = [
    ...header(ks),
    'Conditions:',
    ...(ks.status?.conditions ?? []).map((c) => `  ${c.type}=${c.status} ${c.reason}: ${c.message}`),
    'Inventory:',
  ];
  const entries = ks.status?.inventory?.entries ?? [];
  const rows = entries.map((e) => {
    const [namespace = '', name = '', group = '', kind = ''] = e.id.split('_');
    return [kind, group, namespace, name, e.v];
  });
  return `${lines.join('\n')}\n${entries.length ? table(['KIND', 'GROUP', 'NAMESPACE', 'NAME', 'VERSION'], rows) : '  (empty)\n'}`;
}
