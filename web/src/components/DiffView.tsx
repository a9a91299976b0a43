/** Live against desired, side by side, per resource (Secret values arrive redacted). */
import type { JSX } from 'preact';
import { sideBySide } from '../diff.js';

export function DiffView({
  resources,
}: {
  resources: Array<{ resource: string; diff: string }>;
}): JSX.Element {
  if (!resources.length) return <p>The cluster matches the source.</p>;
  return (
    <div class="diffs">
      {resources.map((r) => (
        <section key={r.resource} class="diff" aria-label={`Diff of ${r.resource}`}>
          <h3>{r.resource}</h3>
          {r.diff.startsWith('(') ? (
            <p>{r.diff}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Live</th>
                  <th scope="col">Desired</th>
                </tr>
              </thead>
              <tbody>
                {sideBySide(r.diff).map((row, i) => (
                  <tr key={i} class={row.kind}>
                    <td class={row.kind === 'changed' && row.left !== undefined ? 'del' : ''}>
                      <pre>{row.left ?? ''}</pre>
                    </td>
                    <td class={row.kind === 'changed' && row.right !== undefined ? 'add' : ''}>
                      <pre>{row.right ?? ''}</pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}
