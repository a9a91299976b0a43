/** The last lines of a Pod's logs, read through the API when the user opens them. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type PodLog } from '../api.js';

export function PodLogs({
  app,
  pod,
  namespace,
}: {
  app: string;
  pod: string;
  namespace?: string;
}): JSX.Element {
  const [logs, setLogs] = useState<PodLog[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    const query = new URLSearchParams({ pod, tailLines: '200', ...(namespace ? { namespace } : {}) });
    api<{ items: PodLog[] }>(`/api/v1/applications/${encodeURIComponent(app)}/logs?${query.toString()}`).then(
      (r) => {
        setLogs(r.items);
        setError(undefined);
      },
      (err: unknown) => setError((err as Error).message),
    );
  }, [app, pod, namespace, round]);
  return (
    <div class="logs" aria-label={`Logs of ${pod}`}>
      <button onClick={() => setRound(round + 1)}>Reload</button>
      {error && <p role="alert">{error}</p>}
      {logs?.map((l) => (
        <pre key={l.container}>{l.lines.length ? l.lines.join('\n') : `(no output from ${l.container})`}</pre>
      ))}
    </div>
  );
}
