/** The app's Kubernetes Events, newest first. */
import type { JSX } from 'preact';
import type { EventItem } from '../api.js';
import { ago } from '../words.js';

export function Events({ items }: { items: EventItem[] }): JSX.Element {
  if (!items.length) return <p>No events.</p>;
  return (
    <table class="events">
      <thead>
        <tr>
          {['When', 'Type', 'Reason', 'Message'].map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((e, i) => (
          <tr key={i} class={e.type === 'Warning' ? 'warning' : ''}>
            <td title={e.lastTimestamp}>{ago(e.lastTimestamp)}</td>
            <td>{e.type}</td>
            <td>{e.reason}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
