/** Tables for `ferry image list` and `ferry image policies`. */
import type { Condition } from '../api/flux/index.js';
import type { ImagePolicy, ImageRepository } from '../api/image/index.js';
import { age, table } from './table.js';

const ready = (obj: { status?: { conditions?: Condition[] } }): Condition | undefined =>
  obj.status?.conditions?.find((c) => c.type === 'Ready');

const oneLine = (text: string | undefined): string => (text ?? '').replace(/\s+/g, ' ');

export function repositoriesTable(
  repos: ImageRepository[],
  allNamespaces: boolean,
  now = Date.now(),
): string {
  const headers = [
    ...(allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    'IMAGE',
    'TAGS',
    'LAST SCAN',
    'SUSPENDED',
    'READY',
    'MESSAGE',
  ];
  const rows = repos.map((r) => {
    const scan = r.status?.lastScanResult;
    return [
      ...(allNamespaces ? [r.metadata.namespace ?? ''] : []),
      r.metadata.name ?? '',
      r.spec.image,
      scan ? String(scan.tagCount) : '',
      scan ? `${scan.scanTime} (${age(scan.scanTime, now)} ago)` : 'never',
      r.spec.suspend ? 'True' : 'False',
      ready(r)?.status ?? 'Unknown',
      oneLine(ready(r)?.message),
    ];
  });
  return table(headers, rows);
}

const refText = (ref: { name: string; tag: string; digest?: string } | undefined): string =>
  ref ? `${ref.name}:${ref.tag}${ref.digest ? `@${ref.digest}` : ''}` : '';

export function policiesTable(policies: ImagePolicy[], allNamespaces: boolean): string {
  const headers = [
    ...(allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    'REPOSITORY',
    'LATEST IMAGE',
    'PREVIOUS',
    'READY',
    'MESSAGE',
  ];
  const rows = policies.map((p) => {
    const ref = p.spec.imageRepositoryRef;
    return [
      ...(allNamespaces ? [p.metadata.namespace ?? ''] : []),
      p.metadata.name ?? '',
      ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name,
      refText(p.status?.latestRef),
      refText(p.status?.observedPreviousRef),
      ready(p)?.status ?? 'Unknown',
      oneLine(ready(p)?.message),
    ];
  });
  return table(headers, rows);
}

const policyLine = (p: ImagePolicy): string => {
  const state =
    ready(p)?.status === 'True' ? refText(p.status?.latestRef) : `not ready: ${oneLine(ready(p)?.message)}`;
  return `policy ${p.metadata.name ?? ''}: ${state}`;
};

/** What `ferry image scan` prints once the scan finished. */
export function scanSummary(repo: ImageRepository, policies: ImagePolicy[]): string {
  const scan = repo.status?.lastScanResult;
  const lines = [
    `${repo.spec.image}: ${scan ? `${scan.tagCount} tags (scanned ${scan.scanTime})` : 'never scanned'}`,
  ];
  if (scan?.latestTags?.length) lines.push(`latest tags: ${scan.latestTags.join(', ')}`);
  lines.push(...policies.map(policyLine));
  return `${lines.join('\n')}\n`;
}
