/**
 * The app list: counts at the top, filters and search, and a table virtualised by rows
 * (only the rows in view, plus a few, are in the DOM), so 1,000 apps scroll without lag.
 */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { AppSummary } from '../api.js';
import { ago, shortRevision } from '../words.js';
import { Badge } from './Badge.js';
import { Counts } from './Counts.js';

const rowHeight = 44;
const overscan = 8;

interface Filters {
  search: string;
  health: string;
  sync: string;
  cluster: string;
  namespace: string;
  project: string;
}

const empty: Filters = { search: '', health: '', sync: '', cluster: '', namespace: '', project: '' };
const selectable = ['health', 'sync', 'cluster', 'namespace', 'project'] as const;
const fieldOf = (a: AppSummary, f: (typeof selectable)[number]): string =>
  f === 'namespace' ? a.destNamespace : a[f];

function visible(apps: AppSummary[], f: Filters): AppSummary[] {
  const q = f.search.toLowerCase();
  return apps.filter(
    (a) =>
      selectable.every((k) => !f[k] || fieldOf(a, k) === f[k]) &&
      (!q || [a.name, a.repo, a.path, a.project].some((x) => x.toLowerCase().includes(q))),
  );
}

export function AppList({ apps }: { apps: AppSummary[] }): JSX.Element {
  const [filters, setFilters] = useState<Filters>(empty);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const shown = useMemo(() => visible(apps, filters), [apps, filters]);
  const options = useMemo(
    () =>
      Object.fromEntries(
        selectable.map((k) => [k, [...new Set(apps.map((a) => fieldOf(a, k)))].filter(Boolean).sort()]),
      ) as Record<(typeof selectable)[number], string[]>,
    [apps],
  );
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(shown.length, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  const set = (k: keyof Filters, v: string): void => setFilters({ ...filters, [k]: v });
  return (
    <main>
      <Counts apps={apps} onPick={(field, value) => set(field, value)} />
      <div class="filters" role="search">
        <label>
          Search
          <input
            type="search"
            value={filters.search}
            placeholder="name, repo, path"
            onInput={(e) => set('search', e.currentTarget.value)}
          />
        </label>
        {selectable.map((k) => (
          <label key={k}>
            {k[0]!.toUpperCase() + k.slice(1)}
            <select value={filters[k]} onChange={(e) => set(k, e.currentTarget.value)}>
              <option value="">all</option>
              {options[k].map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button type="button" onClick={() => setFilters(empty)}>
          Clear
        </button>
        <span aria-live="polite" class="shown">
          {shown.length} shown
        </span>
      </div>
      <div class="table" role="table" aria-label="Applications" aria-rowcount={shown.length + 1}>
        <div class="row head" role="row">
          {['Name', 'Health', 'Sync', 'Cluster', 'Namespace', 'Project', 'Revision', 'Last sync'].map((h) => (
            <span role="columnheader" key={h}>
              {h}
            </span>
          ))}
        </div>
        <div
          class="body"
          ref={(el) => {
            if (el && el.clientHeight > 0 && el.clientHeight !== viewport) setViewport(el.clientHeight);
          }}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          <div style={{ height: `${shown.length * rowHeight}px`, position: 'relative' }}>
            {shown.slice(first, last).map((a, i) => (
              <AppRow key={a.name} app={a} index={first + i} />
            ))}
          </div>
        </div>
      </div>
    </main>
  );
}

function AppRow({ app, index }: { app: AppSummary; index: number }): JSX.Element {
  return (
    <div
      class="row"
      role="row"
      aria-rowindex={index + 2}
      data-app={app.name}
      style={{ top: `${index * rowHeight}px`, height: `${rowHeight}px` }}
    >
      <span role="cell">
        <a href={`#/apps/${encodeURIComponent(app.name)}`}>{app.name}</a>
      </span>
      <span role="cell" class="health">
        <Badge status={app.health} />
      </span>
      <span role="cell" class="sync">
        <Badge status={app.sync} />
      </span>
      <span role="cell" title={app.cluster}>
        {app.cluster.replace(/^https:\/\//, '')}
      </span>
      <span role="cell">{app.destNamespace}</span>
      <span role="cell">{app.project}</span>
      <span role="cell" title={app.revision}>
        {shortRevision(app.revision)}
      </span>
      <span role="cell" title={app.lastSyncedAt}>
        {ago(app.lastSyncedAt)}
      </span>
    </div>
  );
}
