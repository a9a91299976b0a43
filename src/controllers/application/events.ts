/**
 * Events and log lines for one Application. Events are best-effort: a failure to
 * record one is logged, never fails the reconcile.
 */
import type { Application } from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import { recordEvent } from '../../kube/events.js';
import type { Logger } from '../../util/log.js';

export class AppEvents {
  constructor(
    private readonly home: Cluster,
    private readonly app: Application,
    private readonly log: Logger,
  ) {}

  normal(reason: string, message: string): void {
    this.emit('Normal', reason, message);
  }

  warning(reason: string, message: string): void {
    this.emit('Warning', reason, message);
  }

  private emit(type: 'Normal' | 'Warning', reason: string, message: string): void {
    const fields = { app: this.app.metadata.name, reason, message };
    if (type === 'Warning') this.log.warn('event', fields);
    else this.log.info('event', fields);
    recordEvent(this.home, this.app, { type, reason, message }).catch((err: unknown) =>
      this.log.warn('could not record event', {
        app: this.app.metadata.name,
        reason,
        error: (err as Error).message,
      }),
    );
  }
}
