/**
 * GET /api/v1/stream: live Application summaries as Server-Sent Events. One watch on
 * Applications (src/kube/watch.ts) serves every open browser; each change is pushed the
 * moment the watch reports it. Messages are JSON in `data:` lines:
 *   {"type":"snapshot","items":[AppSummary…]}   once, on connect
 *   {"type":"upsert","app":AppSummary}           an app was added or its summary changed
 *   {"type":"delete","name":"…"}                 an app is gone
 */
import type { ServerResponse } from 'node:http';
import type { Application } from '../../api/argo/index.js';
import { ARGO_API_VERSION } from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import { watchCollection, type CollectionWatch, type WatchEventType } from '../../kube/watch.js';
import type { Logger } from '../../util/log.js';
import { summarize, type AppSummary } from './summary.js';

export type StreamMessage =
  | { type: 'snapshot'; items: AppSummary[] }
  | { type: 'upsert'; app: AppSummary }
  | { type: 'delete'; name: string };

export class AppStream {
  private watch: CollectionWatch | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly apps = new Map<string, { summary: AppSummary; json: string }>();
  /** Each open stream and which apps it may see. */
  private readonly clients = new Map<ServerResponse, (s: AppSummary) => boolean>();

  constructor(
    private readonly home: Cluster,
    private readonly namespace: string,
    private readonly log: Logger,
  ) {}

  /** Keeps `res` open and sends it the snapshot, then every change, until the client goes away. */
  subscribe(res: ServerResponse, visible: (s: AppSummary) => boolean = () => true): void {
    this.start();
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    this.clients.set(res, visible);
    res.on('close', () => this.clients.delete(res));
    const items = [...this.apps.values()]
      .map((a) => a.summary)
      .filter(visible)
      .sort((a, b) => a.name.localeCompare(b.name));
    send(res, { type: 'snapshot', items });
  }

  get clientCount(): number {
    return this.clients.size;
  }

  close(): void {
    this.watch?.stop();
    this.watch = undefined;
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const c of this.clients.keys()) c.end();
    this.clients.clear();
  }

  private start(): void {
    if (this.watch) return;
    this.watch = watchCollection(
      this.home,
      { apiVersion: ARGO_API_VERSION, kind: 'Application', namespace: this.namespace },
      (type, obj) => this.onEvent(type, obj as Application),
      (err) => this.log.debug('stream watch restarting', { error: (err as Error).message }),
    );
    // A comment line now and then keeps proxies from closing an idle stream.
    this.heartbeat = setInterval(() => {
      for (const c of this.clients.keys()) c.write(': ping\n\n');
    }, 15_000);
    this.heartbeat.unref();
  }

  private onEvent(type: WatchEventType, app: Application): void {
    const name = app.metadata.name ?? '';
    const before = this.apps.get(name)?.summary;
    if (type === 'DELETED') {
      if (this.apps.delete(name)) this.broadcast(before, undefined);
      return;
    }
    const summary = summarize(app);
    const json = JSON.stringify(summary);
    if (this.apps.get(name)?.json === json) return; // nothing a viewer would see changed
    this.apps.set(name, { summary, json });
    this.broadcast(before, summary);
  }

  /** An upsert to each client that may see the app now; a delete to those that saw it and no longer may. */
  private broadcast(before: AppSummary | undefined, after: AppSummary | undefined): void {
    const name = (after ?? before)?.name ?? '';
    for (const [c, visible] of this.clients) {
      if (after && visible(after)) send(c, { type: 'upsert', app: after });
      else if (before && visible(before)) send(c, { type: 'delete', name });
    }
  }
}

function send(res: ServerResponse, message: StreamMessage): void {
  res.write(`data: ${JSON.stringify(message)}\n\n`);
}
