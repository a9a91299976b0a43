/** Conditions and statuses in plain words, for people who do not know Argo CD's vocabulary. */
const conditionWords: Record<string, string> = {
  InvalidSpecError: 'The Application itself is invalid',
  ComparisonError: 'The source could not be rendered or compared',
  SyncError: 'The last sync did not go through',
  ConnectionError: 'The destination cluster cannot be reached',
  SharedResourceWarning: 'A resource is also managed by another app',
  OrphanedResourceWarning: 'The namespace has resources no app manages',
};

export function conditionTitle(type: string): string {
  return conditionWords[type] ?? type.replace(/([a-z])([A-Z])/g, '$1 $2');
}

const statusWords: Record<string, string> = {
  Synced: 'The cluster matches the source',
  OutOfSync: 'The cluster differs from the source',
  Healthy: 'Everything is running as it should',
  Progressing: 'Still rolling out',
  Degraded: 'Something is failing',
  Suspended: 'Paused',
  Missing: 'Not in the cluster yet',
  Ready: 'Reconciled and ready',
  NotReady: 'The last reconcile failed',
  Unknown: 'Not known yet',
};

export const statusWord = (status: string): string => statusWords[status] ?? status;

export function shortRevision(revision: string): string {
  return /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision;
}

export function ago(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86400) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}

/** A Flux object's Ready condition as a badge status. */
export function readyStatus(s: { ready: string }): string {
  return s.ready === 'True' ? 'Ready' : s.ready === 'False' ? 'NotReady' : 'Unknown';
}
