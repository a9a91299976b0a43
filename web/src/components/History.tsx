/** Deployment history with rollback, behind a confirm dialog. */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { HistoryEntry } from '../api.js';
import { ago, shortRevision } from '../words.js';

export function History(props: {
  history: HistoryEntry[];
  automated: boolean;
  onRollback: (id: number) => Promise<void>;
}): JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const [picked, setPicked] = useState<HistoryEntry | undefined>();
  const ask = (h: HistoryEntry): void => {
    setPicked(h);
    dialog.current?.showModal();
  };
  const confirm = async (): Promise<void> => {
    dialog.current?.close();
    if (picked) await props.onRollback(picked.id);
  };
  return (
    <div>
      {props.automated && (
        <p class="hint">
          Rollback is off while automated sync is on (turn off spec.syncPolicy.automated first).
        </p>
      )}
      <table class="history">
        <thead>
          <tr>
            {['ID', 'Deployed', 'Revision', 'Initiated by', ''].map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.history.map((h, i) => (
            <tr key={h.id}>
              <td>{h.id}</td>
              <td title={h.deployedAt}>{ago(h.deployedAt)}</td>
              <td title={h.revision}>{shortRevision(h.revision ?? '')}</td>
              <td>{h.initiatedBy?.automated ? 'automated' : (h.initiatedBy?.username ?? '')}</td>
              <td>
                {i > 0 && (
                  <button type="button" disabled={props.automated} onClick={() => ask(h)}>
                    Rollback to {h.id}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dialog ref={dialog} aria-labelledby="rollback-title">
        <h2 id="rollback-title">Roll back?</h2>
        <p>
          Redeploy revision <code>{shortRevision(picked?.revision ?? '')}</code> (history entry {picked?.id}).
          The cluster will no longer match the source until the next sync.
        </p>
        <div class="actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" class="danger" onClick={() => void confirm()}>
            Roll back
          </button>
        </div>
      </dialog>
    </div>
  );
}
