/** Counts by health and sync status; each is a button that filters the list. */
import type { JSX } from 'preact';
import type { AppSummary } from '../api.js';
import { Badge } from './Badge.js';

export function Counts(props: {
  apps: AppSummary[];
  onPick: (field: 'health' | 'sync', value: string) => void;
}): JSX.Element {
  const count = (field: 'health' | 'sync'): Array<[string, number]> => {
    const m = new Map<string, number>();
    for (const a of props.apps) m.set(a[field], (m.get(a[field]) ?? 0) + 1);
    return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  return (
    <section class="counts" aria-label="Applications by status">
      <span class="total">
        <strong data-testid="total">{props.apps.length}</strong> apps
      </span>
      {(['health', 'sync'] as const).map((field) =>
        count(field).map(([value, n]) => (
          <button
            key={`${field}-${value}`}
            class="count"
            onClick={() => props.onPick(field, value)}
            aria-label={`${n} ${value}: show only these`}
          >
            <Badge status={value} /> <strong>{n}</strong>
          </button>
        )),
      )}
    </section>
  );
}
