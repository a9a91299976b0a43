/** Tables for `ferry flux get …` and `ferry hr history`, in the flux CLI's columns. */
import type { Condition, HelmRelease, Snapshot } from '../api/flux/index.js';
import type { KubeObject } from '../kube/object.js';
import { age, table } from './table.js';

interface Readable {
  status?: { conditions?: Condition[]; artifact?: { revision?: string }; history?: Snapshot[] };
  spec?: { suspend?: boolean };
}

const ready = (obj: Readable): Condition | undefined =>
  obj.status?.conditions?.find((c) => c.type === 'Ready');

function readyCells(obj: Readable): string[] {
  const c = ready(obj);
  return [
    obj.spec?.suspend ? 'True' : 'False',
    c?.status ?? 'Unknown',
    (c?.message ?? '').replace(/\s+/g, ' '),
  ];
}

export function sourcesTable(sources: KubeObject[], allNamespaces: boolean): string {
  const headers = [
    ...(allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    'REVISION',
    'SUSPENDED',
    'READY',
    'MESSAGE',
  ];
  const rows = sources.map((s) => {
    const r = s as KubeObject & Readable;
    const name = `${s.kind.toLowerCase().replace(/repository$/, '')}/${s.metadata.name ?? ''}`;
    return [
      ...(allNamespaces ? [s.metadata.namespace ?? ''] : []),
      name,
      r.status?.artifact?.revision ?? '',
      ...readyCells(r),
    ];
  });
  return table(headers, rows);
}

export function helmReleasesTable(releases: HelmRelease[], allNamespaces: boolean): string {
  const headers = [
    ...(allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    'REVISION',
    'SUSPENDED',
    'READY',
    'MESSAGE',
  ];
  const rows = releases.map((hr) => [
    ...(allNamespaces ? [hr.metadata.namespace ?? ''] : []),
    hr.metadata.name ?? '',
    hr.status?.history?.[0]?.chartVersion ?? hr.status?.lastAttemptedRevision ?? '',
    ...readyCells(hr as Readable),
  ]);
  return table(headers, rows);
}

/** `status.history`, newest first: what Ferry observed Helm store for this HelmRelease. */
export function historyTable(hr: HelmRelease, now = Date.now()): string {
  const rows = (hr.status?.history ?? []).map((s) => [
    String(s.version),
    s.status,
    `${s.chartName}-${s.chartVersion}`,
    s.appVersion ?? '',
    `${s.lastDeployed} (${age(s.lastDeployed, now)} ago)`,
    s.configDigest.replace(/^sha256:/, '').slice(0, 12),
  ]);
  return table(['REVISION', 'STATUS', 'CHART', 'APP VERSION', 'DEPLOYED', 'VALUES'], rows);
}

/** A one-paragraph summary: Ready, Released, Remediated, Stalled and the failure counters. */
export function conditionsSummary(hr: HelmRelease): string {
  const lines = (hr.status?.conditions ?? []).map((c) => `  ${c.type}=${c.status} ${c.reason}: ${c.message}`);
  const s = hr.status ?? {};
  const counters = `failures: ${s.failures ?? 0}, install failures: ${s.installFailures ?? 0}, upgrade failures: ${s.upgradeFailures ?? 0}`;
  return `${lines.join('\n')}\n  ${counters}\n`;
}
