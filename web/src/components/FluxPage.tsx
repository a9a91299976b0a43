/**
 * One Flux object: Ready and suspended, suspend/resume/reconcile, conditions, and for a
 * HelmRelease the Helm history (revision, chart and app version, status, digests) with
 * the remediation counters. Read again every two seconds.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type FluxDetail, type HelmSnapshot } from '../api.js';
import { ago, readyStatus } from '../words.js';
import { Badge } from './Badge.js';
import { usePolling } from './FluxList.js';

function HelmHistory({ history }: { history: HelmSnapshot[] }): JSX.Element {
  return (
    <table class="history" aria-label="Helm history">
      <thead>
        <tr>
          {['Revision', 'Status', 'Chart', 'App version', 'Deployed', 'Values digest', 'Chart digest'].map(
            (h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>
        {history.map((s) => (
          <tr key={s.version} class={s.status === 'failed' ? 'warning' : ''}>
            <td>{s.version}</td>
            <td>{s.status}</td>
            <td>
              {s.chartName} {s.chartVersion}
            </td>
            <td>{s.appVersion ?? ''}</td>
            <td title={s.lastDeployed}>{ago(s.lastDeployed)}</td>
            <td title={s.configDigest}>
              <code>{s.configDigest.replace(/^sha256:/, '').slice(0, 12)}</code>
            </td>
            <td title={s.digest}>
              <code>{s.digest.replace(/^sha256:/, '').slice(0, 12)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FluxPage(props: { plural: string; namespace: string; name: string }): JSX.Element {
  const path = `/api/v1/kinds/${props.plural}/${encodeURIComponent(props.namespace)}/${encodeURIComponent(props.name)}`;
  const [tick, setTick] = useState(0);
  const [detail, error] = usePolling(() => api<FluxDetail>(path), `${path}#${tick}`);
  const [notice, setNotice] = useState('');
  const act = async (what: string): Promise<void> => {
    try {
      await api(`${path}/${what}`, { method: 'POST', body: {} });
      setNotice(`${what} requested`);
      setTick(tick + 1);
    } catch (err) {
      setNotice((err as Error).message);
    }
  };
  if (!detail) return <main>{error ? <p role="alert">{error}</p> : `Loading ${props.name}…`}</main>;
  const { summary, helm, conditions } = detail;
  return (
    <main class="app-page">
      <p>
        <a href="#/flux">← Flux</a>
      </p>
      <header class="app-head">
        <h1>{props.name}</h1>
        <span class="ready" aria-label={`Ready: ${summary.ready}`}>
          <Badge status={readyStatus(summary)} />
        </span>
        {summary.suspended && (
          <span class="suspended">
            <Badge status="Suspended" />
          </span>
        )}
      </header>
      <p class="facts">
        {summary.kind} in {props.namespace}. {summary.message}
      </p>
      <div class="toolbar" role="group" aria-label="Actions">
        {summary.suspended ? (
          <button type="button" class="primary" onClick={() => void act('resume')}>
            Resume
          </button>
        ) : (
          <button type="button" onClick={() => void act('suspend')}>
            Suspend
          </button>
        )}
        <button type="button" disabled={summary.suspended} onClick={() => void act('reconcile')}>
          Reconcile now
        </button>
        <span role="status" aria-live="polite">
          {notice}
        </span>
      </div>
      <section class="conditions" aria-label="Conditions">
        {conditions.map((c) => (
          <p key={c.type} class="condition">
            <strong>
              {c.type}={c.status}
            </strong>{' '}
            {c.reason}: {c.message}
          </p>
        ))}
        {helm && (
          <p data-testid="counters">
            Failures: {helm.failures}, install failures: {helm.installFailures}, upgrade failures:{' '}
            {helm.upgradeFailures}
          </p>
        )}
      </section>
      {helm && (
        <section class="panel" aria-label="Helm history">
          <h2>Helm history</h2>
          <HelmHistory history={helm.history} />
        </section>
      )}
    </main>
  );
}
