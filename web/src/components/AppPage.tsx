/**
 * One app: badges, sync and refresh, conditions in plain words, and tabs for the resource
 * tree, the diff, the history (rollback) and the events. The summary is live (the store);
 * the details are fetched again whenever the summary changes.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type AppSummary, type EventItem, type HistoryEntry, type TreeNode } from '../api.js';
import { conditionTitle, shortRevision, statusWord } from '../words.js';
import { Badge } from './Badge.js';
import { DiffView } from './DiffView.js';
import { Events } from './Events.js';
import { History } from './History.js';
import { Tree } from './Tree.js';

type Tab = 'tree' | 'diff' | 'history' | 'events';
const tabs: Array<[Tab, string]> = [
  ['tree', 'Resources'],
  ['diff', 'Diff'],
  ['history', 'History'],
  ['events', 'Events'],
];

interface Details {
  tree: TreeNode[];
  history: HistoryEntry[];
  events: EventItem[];
}

export function AppPage({ app }: { app: AppSummary }): JSX.Element {
  const [tab, setTab] = useState<Tab>('tree');
  const [details, setDetails] = useState<Details>({ tree: [], history: [], events: [] });
  const [diff, setDiff] = useState<Array<{ resource: string; diff: string }> | undefined>();
  const [notice, setNotice] = useState('');
  const [prune, setPrune] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const path = `/api/v1/applications/${encodeURIComponent(app.name)}`;
  const summaryKey = JSON.stringify(app);

  useEffect(() => {
    void Promise.all([
      api<{ nodes: TreeNode[] }>(`${path}/tree`),
      api<{ history: HistoryEntry[] }>(`${path}/history`),
      api<{ items: EventItem[] }>(`${path}/events`),
    ])
      .then(([t, h, e]) => setDetails({ tree: t.nodes, history: h.history, events: e.items }))
      .catch((err: Error) => setNotice(err.message));
  }, [summaryKey]);

  useEffect(() => {
    if (tab !== 'diff') return;
    setDiff(undefined);
    api<{ resources: Array<{ resource: string; diff: string }> }>(`${path}/diff`)
      .then((d) => setDiff(d.resources))
      .catch((err: Error) => setNotice(err.message));
  }, [tab, app.revision, app.sync]);

  const act = async (what: string, body: unknown): Promise<void> => {
    try {
      if (what === 'terminate') await api(`${path}/operation`, { method: 'DELETE' });
      else await api(`${path}/${what}`, { method: 'POST', body });
      setNotice(`${what} requested`);
    } catch (err) {
      setNotice((err as Error).message);
    }
  };

  return (
    <main class="app-page">
      <p>
        <a href="#/">← All applications</a>
      </p>
      <header class="app-head">
        <h1>{app.name}</h1>
        <span class="health" aria-label={`Health: ${app.health}`}>
          <Badge status={app.health} />
        </span>
        <span class="sync" aria-label={`Sync: ${app.sync}`}>
          <Badge status={app.sync} />
        </span>
        {app.operation && <span class="operation">Last operation: {app.operation}</span>}
      </header>
      <p class="facts">
        {statusWord(app.health)}; {statusWord(app.sync).toLowerCase()}. {app.repo} {app.path} @{' '}
        {app.targetRevision} → <code>{shortRevision(app.revision)}</code> · {app.cluster} /{' '}
        {app.destNamespace}
      </p>
      <div class="toolbar" role="group" aria-label="Actions">
        <label>
          <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.currentTarget.checked)} /> Prune
        </label>
        <label>
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} /> Dry
          run
        </label>
        <button type="button" class="primary" onClick={() => void act('sync', { prune, dryRun })}>
          Sync
        </button>
        {app.operationInProgress && (
          <button type="button" class="danger" onClick={() => void act('terminate', {})}>
            Terminate
          </button>
        )}
        <button type="button" onClick={() => void act('refresh', {})}>
          Refresh
        </button>
        <button type="button" onClick={() => void act('refresh', { hard: true })}>
          Hard refresh
        </button>
        <span role="status" aria-live="polite">
          {notice}
        </span>
      </div>
      {(app.conditions.length > 0 || app.healthMessage) && (
        <section class="conditions" aria-label="Conditions">
          {app.healthMessage && <p>{app.healthMessage}</p>}
          {app.conditions.map((c) => (
            <p key={c.type} class="condition">
              <strong>{conditionTitle(c.type)}:</strong> {c.message}
            </p>
          ))}
        </section>
      )}
      <div role="tablist" aria-label="Details" class="tabs">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} class="panel">
        {tab === 'tree' && <Tree app={app.name} nodes={details.tree} />}
        {tab === 'diff' && (diff ? <DiffView resources={diff} /> : <p>Comparing…</p>)}
        {tab === 'history' && (
          <History
            history={details.history}
            automated={app.automated}
            onRollback={(id) => act('rollback', { id })}
          />
        )}
        {tab === 'events' && <Events items={details.events} />}
      </section>
    </main>
  );
}
