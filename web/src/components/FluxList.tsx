/**
 * Flux objects Ferry reconciles: HelmReleases and Kustomizations (when their CRDs are
 * installed) with Ready and suspended. Read again every few seconds; a page per object.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type FluxSummary } from '../api.js';
import { Badge } from './Badge.js';
import { readyStatus } from '../words.js';

const kinds: Array<[string, string]> = [
  ['helmreleases', 'HelmReleases'],
  ['kustomizations', 'Kustomizations'],
];

export const fluxHref = (plural: string, s: { namespace?: string; name: string }): string =>
  `#/flux/${plural}/${encodeURIComponent(s.namespace ?? '')}/${encodeURIComponent(s.name)}`;

export function usePolling<T>(load: () => Promise<T>, key: string, everyMs = 2000): [T | undefined, string] {
  const [value, setValue] = useState<T | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    let stopped = false;
    const tick = (): void => {
      load()
        .then((v) => !stopped && (setValue(v), setError('')))
        .catch((err: Error) => !stopped && setError(err.message));
    };
    tick();
    const timer = setInterval(tick, everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [key]);
  return [value, error];
}

function KindTable({ plural, title }: { plural: string; title: string }): JSX.Element | null {
  const [list, error] = usePolling(
    () => api<{ installed: boolean; items: FluxSummary[] }>(`/api/v1/kinds/${plural}`),
    plural,
    3000,
  );
  if (error) return <p role="alert">{error}</p>;
  if (!list?.installed) return null;
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {list.items.length === 0 ? (
        <p class="hint">None.</p>
      ) : (
        <table class="flux-list">
          <thead>
            <tr>
              {['Name', 'Namespace', 'Ready', 'Suspended', 'Message'].map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.items.map((s) => (
              <tr key={`${s.namespace ?? ''}/${s.name}`} data-flux={`${s.namespace ?? ''}/${s.name}`}>
                <td>
                  <a href={fluxHref(plural, s)}>{s.name}</a>
                </td>
                <td>{s.namespace}</td>
                <td>
                  <Badge status={readyStatus(s)} />
                </td>
                <td>{s.suspended ? 'yes' : 'no'}</td>
                <td>{s.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function FluxList(): JSX.Element {
  return (
    <main>
      <h1>Flux</h1>
      {kinds.map(([plural, title]) => (
        <KindTable key={plural} plural={plural} title={title} />
      ))}
    </main>
  );
}
