/**
 * Events and log lines for one Flux object. Events are best-effort: a failure to record
 * one is logged and never fails the reconcile. Messages name releases, charts and
 * revisions, never values.
 */
import type { Cluster } from '../../kube/cluster.js';
import { recordEvent } from '../../kube/events.js';
import type { KubeObject } from '../../kube/object.js';
import type { Logger } from '../../util/log.js';

export class FluxEvents {
  constructor(
    private readonly home: Cluster,
    private readonly obj: KubeObject,
    private readonly log: Logger,
  ) {}

  normal(reason: string, message: string): void {
    this.emit('Normal', reason, message);
  }

  warning(reason: string, message: string): void {
    this.emit('Warning', reason, message);
  }

  private emit(type: 'Normal' | 'Warning', reason: string, message: string): void {
    const fields = {
      kind: this.obj.kind,
      name: `${this.obj.metadata.namespace ?? ''}/${this.obj.metadata.name ?? ''}`,
      reason,
      message,
    };
    if (type === 'Warning') this.log.warn('event', fields);
    else this.log.info('event', fields);
    recordEvent(this.home, this.obj, { type, reason, message }).catch((err: unknown) =>
      this.log.warn('could not record event', { ...fields, error: (err as Error).message }),
    );
  }
}
