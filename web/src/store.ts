/**
 * Live Application summaries: the list from the API, then every change from the event
 * stream, applied in place. Components subscribe and re-render on change; updates are
 * batched per animation frame so a burst of 1,000 changes is one render.
 */
import { api, streamUrl, type AppSummary } from './api.js';

type Listener = () => void;

export class AppStore {
  readonly apps = new Map<string, AppSummary>();
  connected = false;
  version = 0;
  private readonly listeners = new Set<Listener>();
  private source: EventSource | undefined;
  private scheduled = false;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.source) return;
    this.source = new EventSource(streamUrl());
    this.source.onopen = () => {
      this.connected = true;
      void this.reload();
    };
    this.source.onerror = () => {
      this.connected = false;
      this.changed();
    };
    this.source.onmessage = (e: MessageEvent<string>) => this.apply(JSON.parse(e.data) as StreamMessage);
  }

  stop(): void {
    this.source?.close();
    this.source = undefined;
  }

  async reload(): Promise<void> {
    const list = await api<{ items: AppSummary[] }>('/api/v1/applications');
    this.apps.clear();
    for (const a of list.items) this.apps.set(a.name, a);
    this.changed();
  }

  private apply(message: StreamMessage): void {
    if (message.type === 'snapshot') for (const a of message.items) this.apps.set(a.name, a);
    else if (message.type === 'upsert') this.apps.set(message.app.name, message.app);
    else this.apps.delete(message.name);
    this.changed();
  }

  private changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.version += 1;
      for (const l of this.listeners) l();
    });
  }
}

type StreamMessage =
  | { type: 'snapshot'; items: AppSummary[] }
  | { type: 'upsert'; app: AppSummary }
  | { type: 'delete'; name: string };

export const store = new AppStore();
