/** A status badge: colour and an icon-like glyph, plus the word, so it never relies on colour alone. */
import type { JSX } from 'preact';
import { statusWord } from '../words.js';

const glyphs: Record<string, string> = {
  Healthy: '♥',
  Synced: '✓',
  OutOfSync: '↻',
  Degraded: '✕',
  Progressing: '◐',
  Suspended: '❚❚',
  Missing: '?',
  Ready: '✓',
  NotReady: '✕',
  Unknown: '?',
};

export function Badge({ status }: { status: string }): JSX.Element {
  return (
    <span class={`badge badge-${status.toLowerCase()}`} title={statusWord(status)} data-status={status}>
      <span aria-hidden="true">{glyphs[status] ?? '•'}</span> {status}
    </span>
  );
}
